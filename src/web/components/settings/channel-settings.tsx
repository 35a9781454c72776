"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { Channel } from "@/shared/api";
import { limits } from "@/shared/limits";
import { Permission } from "@/shared/permissions";
import { api } from "../../api";
import { useChannels } from "../../hooks/use-servers";
import { describeError } from "../../lib/errors";
import { can } from "../../lib/permissions";
import { queryKeys } from "../../query-keys";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { SectionLabel, SettingsShell, SettingsTitle, type SettingsTab } from "../ui/settings-shell";
import { OverwriteEditor } from "./overwrite-editor";

type ChannelTab = "overview" | "permissions";

/** Discord's slowmode steps, in seconds. */
const slowmodeSteps = [0, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600];

function slowmodeLabel(seconds: number): string {
  if (seconds === 0) return "Off";
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${seconds / 60}m`;
  return `${seconds / 3600}h`;
}

export function ChannelSettings({ serverId, channelId, onClose }: { serverId: string; channelId: string; onClose: () => void }) {
  const channels = useChannels(serverId);
  const channel = channels.data?.find((c) => c.id === channelId);
  const [tab, setTab] = useState<ChannelTab>("overview");
  const manage = can(channel?.permissions, Permission.ManageChannels);
  const roles = can(channel?.permissions, Permission.ManageRoles);
  const tabs: SettingsTab<ChannelTab>[] = [
    ...(manage ? [{ id: "overview" as const, label: "Overview" }] : []),
    ...(roles ? [{ id: "permissions" as const, label: "Permissions" }] : []),
  ];
  const active = tabs.find((t) => t.id === tab)?.id ?? tabs[0]?.id ?? "overview";

  return (
    <SettingsShell
      title={channel ? (channel.type === "category" ? channel.name : `# ${channel.name}`) : "Channel"}
      tabs={tabs}
      active={active}
      onSelect={setTab}
      onClose={onClose}
      testId="channel-settings"
    >
      {/* Deleted, or hidden from me while open: say so instead of editing a ghost. */}
      {!channel && <p className="text-text-muted">This channel no longer exists, or you can no longer see it.</p>}
      {channel && active === "overview" && manage && <ChannelOverview key={channel.id} channel={channel} onDeleted={onClose} />}
      {channel && active === "permissions" && roles && <OverwriteEditor serverId={serverId} channel={channel} />}
    </SettingsShell>
  );
}

function ChannelOverview({ channel, onDeleted }: { channel: Channel; onDeleted: () => void }) {
  const [name, setName] = useState(channel.name);
  const [topic, setTopic] = useState(channel.topic ?? "");
  const [slowmode, setSlowmode] = useState(channel.slowmodeSeconds ?? 0);
  const [confirming, setConfirming] = useState(false);
  const queryClient = useQueryClient();
  const serverId = channel.serverId ?? "";
  const key = queryKeys.channels(serverId);
  const save = useMutation({
    mutationFn: () =>
      api.updateChannel(channel.id, {
        name,
        topic: channel.type === "category" ? undefined : topic || null,
        slowmodeSeconds: channel.type === "text" ? slowmode : undefined,
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData<Channel[]>(key, (list) =>
        list?.map((c) => (c.id === updated.id ? { ...updated, permissions: updated.permissions ?? c.permissions } : c)),
      );
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const remove = useMutation({
    mutationFn: () => api.deleteChannel(channel.id),
    onSuccess: () => {
      onDeleted();
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const dirty = name !== channel.name || topic !== (channel.topic ?? "") || slowmode !== (channel.slowmodeSeconds ?? 0);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (dirty && name.trim()) save.mutate();
  }

  return (
    <>
      <SettingsTitle>Overview</SettingsTitle>
      <form onSubmit={onSubmit} className="flex max-w-lg flex-col gap-4" noValidate>
        {save.error && <FormError message={describeError(save.error)} />}
        <Field
          label={channel.type === "category" ? "Category name" : "Channel name"}
          data-testid="channel-settings-name"
          value={name}
          maxLength={limits.channelNameMax}
          onChange={(e) => setName(channel.type === "category" ? e.target.value : e.target.value.toLowerCase().replace(/\s+/g, "-"))}
        />
        {channel.type !== "category" && (
          <label className="flex flex-col gap-2 text-xs font-bold uppercase tracking-wide text-text-muted">
            Channel topic
            <textarea
              data-testid="channel-settings-topic"
              value={topic}
              maxLength={limits.channelTopicMax}
              rows={3}
              placeholder="Let everyone know how to use this channel!"
              onChange={(e) => setTopic(e.target.value)}
              className="resize-none rounded-[3px] bg-field-deep px-3 py-2 text-base font-normal normal-case tracking-normal text-text outline-none"
            />
          </label>
        )}
        {channel.type === "text" && (
          <label className="flex flex-col gap-2 text-xs font-bold uppercase tracking-wide text-text-muted">
            Slowmode: {slowmodeLabel(slowmode)}
            <input
              type="range"
              data-testid="channel-settings-slowmode"
              min={0}
              max={slowmodeSteps.length - 1}
              value={Math.max(0, slowmodeSteps.findIndex((s) => s >= slowmode))}
              onChange={(e) => setSlowmode(slowmodeSteps[Number(e.target.value)] ?? 0)}
              className="accent-blurple"
            />
            <span className="text-sm font-normal normal-case tracking-normal">
              Members can send one message in this channel per interval. Members with Manage Messages are exempt.
            </span>
          </label>
        )}
        <Button type="submit" className="self-start" data-testid="channel-settings-save" disabled={!dirty || !name.trim() || save.isPending}>
          {save.isPending ? "Saving…" : "Save Changes"}
        </Button>
      </form>
      <hr className="my-8 border-divider" />
      <SectionLabel>Delete {channel.type === "category" ? "category" : "channel"}</SectionLabel>
      <p className="mb-3 text-sm text-text-muted">
        {channel.type === "category"
          ? "Channels in it stay, without a category."
          : "Every message in it is deleted for everyone. This cannot be undone."}
      </p>
      {remove.error && <FormError message={describeError(remove.error)} />}
      <Button variant="danger" data-testid="delete-channel" disabled={remove.isPending} onClick={() => (confirming ? remove.mutate() : setConfirming(true))}>
        {remove.isPending ? "Deleting…" : confirming ? `Really delete ${channel.name}?` : "Delete"}
      </Button>
    </>
  );
}
