"use client";

import { Check } from "lucide-react";
import type { ReactNode } from "react";
import type { NotificationLevel, UpdateChannelNotificationsInput } from "@/shared/api/notifications";
import { effectiveLevel, isMutedNow } from "@/shared/notifications";
import { useNotificationSettings } from "../../hooks/use-notification-settings";
import { useUpdateChannelNotifications } from "../../hooks/use-notification-settings-mutations";
import { describeError } from "../../lib/errors";
import { cn } from "../../lib/cn";
import { Menu, MenuItem, MenuLabel, MenuSeparator } from "../ui/menu";
import { levelChoices, levelLabel, muteChoiceLabels, mutedUntilText } from "./labels";

export interface PlaceNotificationsMenuProps {
  at: { x: number; y: number };
  channelId: string;
  /** Null for a direct conversation. */
  serverId: string | null;
  name: string;
  onClose: () => void;
  /** Entries above the notification choices (the sidebar's right click on a channel). */
  before?: ReactNode;
}

/** Mute a channel or conversation for a while, and choose what in it notifies me. */
export function PlaceNotificationsMenu({ at, channelId, serverId, name, onClose, before }: PlaceNotificationsMenuProps) {
  const settings = useNotificationSettings().data;
  const save = useUpdateChannelNotifications(channelId);
  const channel = settings?.channels.find((c) => c.channelId === channelId) ?? null;
  const server = serverId ? (settings?.servers.find((s) => s.serverId === serverId) ?? null) : null;
  const muted = isMutedNow(channel);
  const serverMuted = isMutedNow(server);
  const dm = serverId === null;
  const inherited = settings ? effectiveLevel({ prefs: settings.prefs, server, channel: null }, dm) : "mentions";
  const change = (input: UpdateChannelNotificationsInput, close = true) => {
    save.mutate(input);
    if (close) onClose();
  };

  return (
    <Menu at={at} onClose={onClose} label={before ? `Actions for ${name}` : `Notification settings for ${name}`} testId="place-notifications-menu">
      {before && (
        <>
          {before}
          <MenuSeparator />
        </>
      )}
      {muted ? (
        <>
          <MenuItem testId="unmute" onSelect={() => change({ mute: null })}>
            Unmute {dm ? "Conversation" : "Channel"}
          </MenuItem>
          <p className="px-2 pb-1 text-xs text-text-muted" data-testid="muted-until">
            {mutedUntilText(channel?.mutedUntil ?? null)}
          </p>
        </>
      ) : (
        <>
          <MenuLabel>Mute {dm ? "Conversation" : "Channel"}</MenuLabel>
          {muteChoiceLabels.map((choice) => (
            <MenuItem key={choice.value} testId={`mute-${choice.value}`} onSelect={() => change({ mute: choice.value })}>
              {choice.label}
            </MenuItem>
          ))}
        </>
      )}
      {serverMuted && <p className="px-2 py-1 text-xs text-text-muted">The whole server is muted.</p>}
      <MenuSeparator />
      <MenuLabel>Notify me about</MenuLabel>
      {!dm && (
        <LevelItem checked={channel?.level == null} testId="level-default" onSelect={() => change({ level: null }, false)}>
          Use server default
          <span className="block text-xs font-normal opacity-80">{levelLabel(inherited)}</span>
        </LevelItem>
      )}
      {levelChoices.map((choice) => (
        <LevelItem
          key={choice.value}
          checked={dm ? (channel?.level ?? "all") === choice.value : channel?.level === choice.value}
          testId={`level-${choice.value}`}
          onSelect={() => change({ level: dm && choice.value === "all" ? null : (choice.value as NotificationLevel) }, false)}
        >
          {choice.label}
        </LevelItem>
      ))}
      {save.error && <p className="px-2 py-1 text-xs text-danger-soft">{describeError(save.error)}</p>}
    </Menu>
  );
}

function LevelItem({ checked, onSelect, testId, children }: { checked: boolean; onSelect: () => void; testId: string; children: ReactNode }) {
  return (
    <button
      type="button"
      role="menuitemradio"
      aria-checked={checked}
      data-testid={testId}
      onClick={onSelect}
      className="flex min-h-8 items-center gap-2 rounded px-2 py-1 text-left font-medium text-text hover:bg-blurple hover:text-white"
    >
      <span className="flex-1">{children}</span>
      <span
        aria-hidden
        className={cn("flex size-[18px] shrink-0 items-center justify-center rounded-full border-2", checked ? "border-white bg-blurple" : "border-text-muted")}
      >
        {checked && <Check size={12} strokeWidth={3} className="text-white" />}
      </span>
    </button>
  );
}
