/**
 * The channel column's shape: channels without a category first, then each category with
 * its children; in each group text channels first, then voice and video, each by position
 * (as Discord sorts them). Also turns a drag and drop into the bulk reorder body.
 */
import type { Channel } from "@/shared/api";
import { compareIds } from "./ids";

export interface ChannelGroup {
  category: Channel | null;
  channels: Channel[];
}

export interface ChannelMove {
  id: string;
  position: number;
  parentId: string | null;
}

function byPosition(a: Channel, b: Channel): number {
  return a.position - b.position || compareIds(a.id, b.id);
}

/** Text channels above voice and video ones; within each kind, by position. */
function byKindThenPosition(a: Channel, b: Channel): number {
  return Number(a.type !== "text") - Number(b.type !== "text") || byPosition(a, b);
}

export function groupChannels(channels: Channel[]): ChannelGroup[] {
  const categories = channels.filter((c) => c.type === "category").sort(byPosition);
  const known = new Set(categories.map((c) => c.id));
  // A child whose category I cannot see still shows, at the top, as Discord does.
  const loose = channels.filter((c) => c.type !== "category" && (!c.parentId || !known.has(c.parentId)));
  const groups: ChannelGroup[] = [{ category: null, channels: loose.sort(byKindThenPosition) }];
  for (const category of categories) {
    groups.push({
      category,
      channels: channels.filter((c) => c.type !== "category" && c.parentId === category.id).sort(byKindThenPosition),
    });
  }
  return groups;
}

/** Where a dragged item lands: in a group (null = no category), before an item or at the end. */
export interface DropTarget {
  parentId: string | null;
  beforeId?: string;
}

function renumber(list: Channel[], parentId: string | null): ChannelMove[] {
  return list.map((c, position) => ({ id: c.id, position, parentId }));
}

/** The moves for dropping `draggedId` on `target`; empty when nothing changes. */
export function planDrop(channels: Channel[], draggedId: string, target: DropTarget): ChannelMove[] {
  const dragged = channels.find((c) => c.id === draggedId);
  if (!dragged || draggedId === target.beforeId) return [];
  const groups = groupChannels(channels);

  if (dragged.type === "category") {
    // Categories only reorder among themselves; dropping inside one means "before it".
    const categories = groups.flatMap((g) => (g.category ? [g.category] : []));
    const beforeId = target.beforeId && categories.some((c) => c.id === target.beforeId) ? target.beforeId : target.parentId;
    return reorderWithin(categories, dragged, beforeId ?? undefined, null);
  }

  const source = groups.find((g) => g.channels.some((c) => c.id === draggedId));
  const destination = groups.find((g) => (g.category?.id ?? null) === target.parentId);
  if (!source || !destination) return [];
  if (source === destination) return reorderWithin(destination.channels, dragged, target.beforeId, target.parentId);

  const sourceMoves = renumber(source.channels.filter((c) => c.id !== draggedId), source.category?.id ?? null);
  return [...sourceMoves, ...insertInto(destination.channels, dragged, target.beforeId, target.parentId)];
}

function insertInto(list: Channel[], dragged: Channel, beforeId: string | undefined, parentId: string | null): ChannelMove[] {
  const rest = list.filter((c) => c.id !== dragged.id);
  const index = beforeId ? rest.findIndex((c) => c.id === beforeId) : -1;
  rest.splice(index === -1 ? rest.length : index, 0, dragged);
  return renumber(rest, parentId);
}

function reorderWithin(list: Channel[], dragged: Channel, beforeId: string | undefined, parentId: string | null): ChannelMove[] {
  const moves = insertInto(list, dragged, beforeId, parentId);
  const unchanged = moves.every((m, i) => list[i]?.id === m.id);
  return unchanged ? [] : moves;
}

/** Applies moves to the cached list so the drop shows at once, before the server answers. */
export function applyMoves(channels: Channel[], moves: ChannelMove[]): Channel[] {
  const byId = new Map(moves.map((m) => [m.id, m]));
  return channels.map((c) => {
    const move = byId.get(c.id);
    return move ? { ...c, position: move.position, parentId: c.type === "category" ? c.parentId : move.parentId } : c;
  });
}
