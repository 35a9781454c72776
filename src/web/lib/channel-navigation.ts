/**
 * Alt+↑/↓ between channels (or conversations) and Alt+Shift+↑/↓ between unread ones,
 * as Discord does: the list is what the sidebar shows, top to bottom, and the walk wraps
 * around its ends.
 */
import type { Channel } from "@/shared/api";
import { groupChannels } from "./channel-tree";

export interface NavStop {
  id: string;
  unread: boolean;
}

/**
 * The stop `step` away from `currentId`, wrapping; with `unreadOnly`, the nearest unread
 * one in that direction (never the current one). Undefined when there is nowhere to go.
 */
export function adjacentStop(
  stops: readonly NavStop[],
  currentId: string | undefined,
  step: 1 | -1,
  unreadOnly = false,
): string | undefined {
  const count = stops.length;
  if (count === 0) return undefined;
  const at = stops.findIndex((s) => s.id === currentId);
  // From outside the list, Down starts at the top and Up at the bottom.
  const start = at === -1 ? (step === 1 ? -1 : count) : at;
  for (let moved = 1; moved <= count; moved++) {
    const stop = stops[(((start + step * moved) % count) + count) % count];
    if (!stop || stop.id === currentId) continue;
    if (!unreadOnly || stop.unread) return stop.id;
  }
  return undefined;
}

/** A server's text channels in sidebar order; voice rooms are joined, not walked into. */
export function textChannelOrder(channels: Channel[]): Channel[] {
  return groupChannels(channels).flatMap((group) => group.channels.filter((c) => c.type === "text"));
}
