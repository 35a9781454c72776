"use client";

import { useState } from "react";
import type { MuteChoice, NotificationLevel, UpdateServerNotificationsInput } from "@/shared/api/notifications";
import { isMutedNow } from "@/shared/notifications";
import { useNotificationSettings } from "../../hooks/use-notification-settings";
import { useUpdateServerNotifications } from "../../hooks/use-notification-settings-mutations";
import { cn } from "../../lib/cn";
import { describeError } from "../../lib/errors";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { RadioChoice, SettingRow } from "../ui/choice";
import { Toggle } from "../ui/toggle";
import { levelChoices, levelLabel, muteChoiceLabels, mutedUntilText } from "./labels";

export interface ServerNotificationsDialogProps {
  open: boolean;
  onClose: () => void;
  serverId: string;
  serverName: string;
}

/** Server menu → Notification Settings: mute, what notifies, and which mentions count. Saved as changed. */
export function ServerNotificationsDialog({ open, onClose, serverId, serverName }: ServerNotificationsDialogProps) {
  const settings = useNotificationSettings();
  const save = useUpdateServerNotifications(serverId);
  const mine = settings.data?.servers.find((s) => s.serverId === serverId);
  const muted = isMutedNow(mine);
  // The radio follows the click in the same frame; the cache's optimistic copy lands a tick later.
  const [picked, setPicked] = useState<{ level: NotificationLevel | null } | null>(null);
  const level = picked ? picked.level : (mine?.level ?? null);
  const change = (input: UpdateServerNotificationsInput) => {
    if (input.level !== undefined) setPicked({ level: input.level });
    save.mutate(input, { onSettled: () => setPicked(null) });
  };

  return (
    <Dialog open={open} onClose={onClose} title="Notification Settings" description={serverName} testId="server-notifications-dialog">
      {!settings.data ? (
        <p className="text-sm text-text-muted">{settings.error ? describeError(settings.error) : "Loading…"}</p>
      ) : (
        <div className="flex flex-col gap-5">
          <section>
            <div className="flex items-center gap-3">
              <label htmlFor="server-mute" className="flex-1">
                <span className="block font-medium text-text-strong">Mute {serverName}</span>
                <span className="block text-sm text-text-muted">
                  {muted ? mutedUntilText(mine?.mutedUntil ?? null) : "Nothing from this server notifies you or badges while muted, mentions included."}
                </span>
              </label>
              <select
                id="server-mute"
                data-testid="server-mute"
                value={muted ? "muted" : ""}
                disabled={save.isPending}
                onChange={(e) => {
                  const value = e.target.value;
                  if (value === "") change({ mute: null });
                  else if (value !== "muted") change({ mute: (value === "forever" ? "forever" : Number(value)) as MuteChoice });
                }}
                className="h-9 rounded-[3px] bg-field-deep px-2 text-sm text-text focus-visible:outline-2 focus-visible:outline-link"
              >
                <option value="">Not muted</option>
                {muted && <option value="muted">Muted</option>}
                {muteChoiceLabels.map((choice) => (
                  <option key={choice.value} value={String(choice.value)}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </div>
          </section>
          <fieldset className={cn(muted && "opacity-60")}>
            <legend className="mb-2 text-xs font-bold uppercase tracking-wide text-text-muted">Server Notification Settings</legend>
            <div className="flex flex-col gap-1.5">
              <RadioChoice name="server-level" checked={level === null} onChange={() => change({ level: null })} testId="server-level-default">
                Use my default <span className="text-text-muted">({levelLabel(settings.data.prefs.serverDefault)})</span>
              </RadioChoice>
              {levelChoices.map((choice) => (
                <RadioChoice
                  name="server-level"
                  key={choice.value}
                  checked={level === choice.value}
                  onChange={() => change({ level: choice.value })}
                  testId={`server-level-${choice.value}`}
                >
                  {choice.label}
                </RadioChoice>
              ))}
            </div>
          </fieldset>
          <div className="flex flex-col gap-3">
            <SettingRow title="Suppress @everyone and @here" hint="Those mentions count as ordinary messages here.">
              <Toggle
                label="Suppress @everyone and @here"
                testId="suppress-everyone"
                checked={mine?.suppressEveryone ?? false}
                disabled={save.isPending}
                onChange={(suppressEveryone) => change({ suppressEveryone })}
              />
            </SettingRow>
            <SettingRow title="Suppress all role @mentions" hint="A mention of a role you hold counts as an ordinary message here.">
              <Toggle
                label="Suppress all role @mentions"
                testId="suppress-roles"
                checked={mine?.suppressRoles ?? false}
                disabled={save.isPending}
                onChange={(suppressRoles) => change({ suppressRoles })}
              />
            </SettingRow>
          </div>
          {save.error && (
            <p role="alert" className="text-sm text-danger-soft">
              Could not save: {describeError(save.error)}
            </p>
          )}
          <div className="flex justify-end">
            <Button data-testid="server-notifications-done" onClick={onClose}>
              Done
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
