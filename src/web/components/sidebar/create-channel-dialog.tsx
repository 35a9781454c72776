"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Hash, Video, Volume2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Channel, ChannelType, CreateChannelInput } from "@/shared/api";
import { limits } from "@/shared/limits";
import { Permission } from "@/shared/permissions";
import { api } from "../../api";
import { cn } from "../../lib/cn";
import { describeError } from "../../lib/errors";
import { queryKeys } from "../../query-keys";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { Field } from "../ui/field";
import { Toggle } from "../ui/toggle";
import { PrivateRolePicker } from "./private-role-picker";

const types = [
  { type: "text", label: "Text", icon: Hash, hint: "Send messages" },
  { type: "audio", label: "Voice", icon: Volume2, hint: "Hang out together with voice" },
  { type: "video", label: "Video", icon: Video, hint: "Talk face to face" },
] as const;

export interface CreateChannelDialogProps {
  open: boolean;
  onClose: () => void;
  serverId: string;
  /** "category" makes a category instead of a channel. */
  kind?: "channel" | "category";
  parentId?: string | null;
}

/** Private = everyone may not view; the chosen roles may. The server applies it in one write. */
export function privateOverwrites(serverId: string, roleIds: string[]): NonNullable<CreateChannelInput["overwrites"]> {
  const view = Permission.ViewChannel.toString();
  return [
    { id: serverId, type: "role", allow: "0", deny: view },
    ...roleIds.map((id) => ({ id, type: "role" as const, allow: view, deny: "0" })),
  ];
}

export function CreateChannelDialog({ open, onClose, serverId, kind = "channel", parentId = null }: CreateChannelDialogProps) {
  return (
    <Dialog open={open} onClose={onClose} title={kind === "category" ? "Create Category" : "Create Channel"} testId="create-channel-dialog">
      {open && <CreateChannelForm serverId={serverId} kind={kind} parentId={parentId} onDone={onClose} />}
    </Dialog>
  );
}

function CreateChannelForm({ serverId, kind, parentId, onDone }: { serverId: string; kind: "channel" | "category"; parentId: string | null; onDone: () => void }) {
  const [name, setName] = useState("");
  const [type, setType] = useState<ChannelType>("text");
  const [isPrivate, setPrivate] = useState(false);
  const [roleIds, setRoleIds] = useState<string[]>([]);
  const queryClient = useQueryClient();
  const router = useRouter();
  const create = useMutation({
    mutationFn: () =>
      api.createChannel(serverId, {
        name,
        type: kind === "category" ? "category" : type,
        parentId: kind === "category" ? null : parentId,
        overwrites: isPrivate ? privateOverwrites(serverId, roleIds) : undefined,
      }),
    onSuccess: (channel) => {
      queryClient.setQueryData<Channel[]>(queryKeys.channels(serverId), (channels) =>
        channels && !channels.some((c) => c.id === channel.id) ? [...channels, channel] : channels,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels(serverId) });
      onDone();
      if (channel.type === "text") router.push(`/channels/${serverId}/${channel.id}`);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (name.trim() && !create.isPending) create.mutate();
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {create.error && <FormError message={describeError(create.error)} />}
      {kind === "channel" && (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-2 text-xs font-bold uppercase tracking-wide text-text-muted">Channel type</legend>
          {types.map((option) => (
            <label
              key={option.type}
              className={cn("flex cursor-pointer items-center gap-3 rounded px-3 py-2", type === option.type ? "bg-selected" : "bg-sidebar")}
            >
              <option.icon size={22} className="text-text-muted" />
              <span className="flex-1">
                <span className="block font-medium text-text-strong">{option.label}</span>
                <span className="block text-xs text-text-muted">{option.hint}</span>
              </span>
              <input
                type="radio"
                name="channel-type"
                value={option.type}
                checked={type === option.type}
                onChange={() => setType(option.type)}
                className="accent-blurple"
              />
            </label>
          ))}
        </fieldset>
      )}
      <Field
        label={kind === "category" ? "Category name" : "Channel name"}
        name="channel-name"
        data-testid="channel-name-input"
        placeholder={kind === "category" ? "New Category" : "new-channel"}
        maxLength={limits.channelNameMax}
        autoFocus
        value={name}
        onChange={(e) => setName(kind === "category" ? e.target.value : e.target.value.toLowerCase().replace(/\s+/g, "-"))}
      />
      <div className="flex items-start gap-3">
        <div className="flex-1">
          <p className="font-medium text-text-strong">Private {kind === "category" ? "Category" : "Channel"}</p>
          <p className="text-xs text-text-muted">Only the roles you choose (and admins) will be able to see it.</p>
        </div>
        <Toggle checked={isPrivate} onChange={setPrivate} label="Private channel" testId="private-toggle" />
      </div>
      {isPrivate && <PrivateRolePicker serverId={serverId} selected={roleIds} onChange={setRoleIds} />}
      <div className="flex justify-end gap-2">
        <Button variant="link" className="text-text hover:underline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={!name.trim() || create.isPending} data-testid="create-channel-submit">
          {create.isPending ? "Creating…" : kind === "category" ? "Create Category" : "Create Channel"}
        </Button>
      </div>
    </form>
  );
}
