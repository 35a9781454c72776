/**
 * How a conversation is named, ordered and counted: small pure rules shared by the DM
 * list, the home button, the header and the quick switcher.
 */
import type { DmChannel } from "@/shared/api";
import { compareIds } from "../../lib/ids";

export const isGroupDm = (dm: Pick<DmChannel, "type">): boolean => dm.type === "group_dm";

/** 1:1: the other person. A group: its name, or its people's names as Discord does. */
export function dmName(dm: Pick<DmChannel, "type" | "name" | "recipients">): string {
  if (isGroupDm(dm)) {
    if (dm.name) return dm.name;
    const names = dm.recipients.map((r) => r.name);
    return names.length > 0 ? names.join(", ") : "Unnamed group";
  }
  return dm.recipients[0]?.name ?? "Deleted user";
}

/** The newest message, or the conversation's own id (also time-ordered) when it is empty. */
const recency = (dm: DmChannel): string => dm.lastMessageId ?? dm.id;

/** Most recent first; a new empty group sits where its creation time puts it. */
export function sortDms(dms: readonly DmChannel[]): DmChannel[] {
  return [...dms].sort((a, b) => compareIds(recency(b), recency(a)));
}

/** The home button's number: conversations with anything unread, not messages. */
export function unreadDmCount(dms: readonly DmChannel[], reads: Record<string, { unreadCount: number } | undefined>): number {
  return dms.reduce((n, dm) => n + ((reads[dm.id]?.unreadCount ?? 0) > 0 ? 1 : 0), 0);
}

/** "You can add 3 more": the creator counts, so a group of ten has nine others. */
export function slotsLeft(others: number, max: number): number {
  return Math.max(0, max - 1 - others);
}
