"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Hash, Video, Volume2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Channel, ChannelType } from "@/shared/api";
import { limits } from "@/shared/limits";
import { api } from "../../api";
import { cn } from "../../lib/cn";
import { describeError } from "../../lib/errors";
import { queryKeys } from "../../query-keys";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { Field } from "../ui/field";

const types = [
  { type: "text", label: "Text", icon: Hash, hint: "Send messages" },
  { type: "audio", label: "Voice", icon: Volume2, hint: "Hang out together with voice" },
  { type: "video", label: "Video", icon: Video, hint: "Talk face to face" },
] as const;

export function CreateChannelDialog({ open, onClose, serverId }: { open: boolean; onClose: () => void; serverId: string }) {
  const [name, setName] = useState("");
  const [type, setType] = useState<ChannelType>("text");
  const queryClient = useQueryClient();
  const router = useRouter();
  const create = useMutation({
    mutationFn: () => api.createChannel(serverId, { name, type }),
    onSuccess: (channel) => {
      queryClient.setQueryData<Channel[]>(queryKeys.channels(serverId), (channels) =>
        channels && !channels.some((c) => c.id === channel.id) ? [...channels, channel] : channels,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels(serverId) });
      setName("");
      onClose();
      if (channel.type === "text") router.push(`/channels/${serverId}/${channel.id}`);
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (name.trim()) create.mutate();
  }

  return (
    <Dialog open={open} onClose={onClose} title="Create Channel">
      <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
        {create.error && <FormError message={describeError(create.error)} />}
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-2 text-xs font-bold uppercase tracking-wide text-text-muted">Channel type</legend>
          {types.map((option) => (
            <label
              key={option.type}
              className={cn(
                "flex cursor-pointer items-center gap-3 rounded bg-sidebar px-3 py-2",
                type === option.type && "bg-selected",
              )}
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
        <Field
          label="Channel name"
          name="channel-name"
          placeholder="new-channel"
          maxLength={limits.channelNameMax}
          value={name}
          onChange={(e) => setName(e.target.value.toLowerCase().replace(/\s+/g, "-"))}
        />
        <div className="flex justify-end gap-2">
          <Button variant="link" className="text-text hover:underline" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={!name.trim() || create.isPending}>
            Create Channel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
