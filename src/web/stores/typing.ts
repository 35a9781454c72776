/**
 * Who is typing where. Typing is volatile: each signal lives for `expiresInMs` unless
 * renewed, and a message from that person ends it at once, as in Discord.
 */
import { create } from "zustand";

export interface Typist {
  userId: string;
  name: string;
  expiresAt: number;
}

interface TypingState {
  channels: Record<string, Typist[]>;
  started: (channelId: string, typist: Typist) => void;
  stopped: (channelId: string, userId: string) => void;
  /** Drop every signal that has expired by `now`. */
  expire: (now: number) => void;
}

export const useTypingStore = create<TypingState>()((set) => ({
  channels: {},
  started: (channelId, typist) =>
    set((s) => {
      const others = (s.channels[channelId] ?? []).filter((t) => t.userId !== typist.userId);
      return { channels: { ...s.channels, [channelId]: [...others, typist] } };
    }),
  stopped: (channelId, userId) =>
    set((s) => {
      const list = s.channels[channelId];
      if (!list?.some((t) => t.userId === userId)) return s;
      return { channels: { ...s.channels, [channelId]: list.filter((t) => t.userId !== userId) } };
    }),
  expire: (now) =>
    set((s) => {
      let changed = false;
      const channels: Record<string, Typist[]> = {};
      for (const [id, list] of Object.entries(s.channels)) {
        const alive = list.filter((t) => t.expiresAt > now);
        if (alive.length !== list.length) changed = true;
        if (alive.length > 0) channels[id] = alive;
      }
      return changed ? { channels } : s;
    }),
}));

/** "A is typing…", "A and B are typing…", "A, B and C are typing…", "Several people are typing…". */
export function typingText(names: string[]): string {
  const [a, b, c] = names;
  if (a === undefined) return "";
  if (b === undefined) return `${a} is typing…`;
  if (c === undefined) return `${a} and ${b} are typing…`;
  if (names.length === 3) return `${a}, ${b} and ${c} are typing…`;
  return "Several people are typing…";
}
