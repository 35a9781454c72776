/**
 * Words for notification levels and mute lengths, typed against the contract but free of
 * its schema code (so the menus that use them stay small).
 */
import type { MuteChoice, NotificationLevel } from "@/shared/api/notifications";
import { formatShortTime } from "../../lib/time";

export const levelChoices: ReadonlyArray<{ value: NotificationLevel; label: string }> = [
  { value: "all", label: "All Messages" },
  { value: "mentions", label: "Only @mentions" },
  { value: "nothing", label: "Nothing" },
];

export const levelLabel = (level: NotificationLevel) => levelChoices.find((c) => c.value === level)!.label;

export const muteChoiceLabels: ReadonlyArray<{ value: MuteChoice; label: string }> = [
  { value: 15, label: "For 15 Minutes" },
  { value: 60, label: "For 1 Hour" },
  { value: 480, label: "For 8 Hours" },
  { value: 1440, label: "For 24 Hours" },
  { value: "forever", label: "Until I turn it back on" },
];

/** "Muted until 14:30", "Muted until Jan 3, 09:00", or "Muted" with no end. */
export function mutedUntilText(mutedUntil: string | null, now: number = Date.now()): string {
  if (!mutedUntil) return "Muted until you turn it back on";
  const end = new Date(mutedUntil);
  const sameDay = new Date(now).toDateString() === end.toDateString();
  if (sameDay) return `Muted until ${formatShortTime(mutedUntil)}`;
  return `Muted until ${end.toLocaleDateString(undefined, { month: "short", day: "numeric" })}, ${formatShortTime(mutedUntil)}`;
}
