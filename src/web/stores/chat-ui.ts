/**
 * What the chat screen is doing right now, shared between components far apart in the
 * tree: the message being answered or edited, a send cooldown, a jump target and the
 * open search. None of it is server state.
 */
import { create } from "zustand";
import type { Message } from "@/shared/api";

export interface JumpTarget {
  channelId: string;
  messageId: string;
  /** Changes on every jump, so jumping twice to the same message flashes it twice. */
  seq: number;
}

export interface Cooldown {
  until: number;
  reason: "slowmode" | "rate";
}

interface ChatUiState {
  replyingTo: Record<string, Message | undefined>;
  editing: { channelId: string; messageId: string } | null;
  /** Per channel: no sends before this time (ms), from a 429 or the channel's slowmode. */
  cooldowns: Record<string, Cooldown>;
  jump: JumpTarget | null;
  /** `scope` is the server searched, or the direct conversation's channel id. */
  search: { scope: string; query: string } | null;
  setReplyingTo: (channelId: string, message: Message | undefined) => void;
  setEditing: (editing: ChatUiState["editing"]) => void;
  setCooldown: (channelId: string, cooldown: Cooldown) => void;
  setJump: (channelId: string, messageId: string) => void;
  clearJump: () => void;
  setSearch: (search: ChatUiState["search"]) => void;
}

let jumpSeq = 0;

export const useChatUi = create<ChatUiState>()((set) => ({
  replyingTo: {},
  editing: null,
  cooldowns: {},
  jump: null,
  search: null,
  setReplyingTo: (channelId, message) => set((s) => ({ replyingTo: { ...s.replyingTo, [channelId]: message } })),
  setEditing: (editing) => set({ editing }),
  setCooldown: (channelId, cooldown) =>
    set((s) => {
      const held = s.cooldowns[channelId];
      return held && held.until >= cooldown.until ? s : { cooldowns: { ...s.cooldowns, [channelId]: cooldown } };
    }),
  setJump: (channelId, messageId) => set({ jump: { channelId, messageId, seq: ++jumpSeq } }),
  clearJump: () => set({ jump: null }),
  setSearch: (search) => set({ search }),
}));
