/**
 * Live messages for the screen-reader announcer. The live handlers put each arriving
 * message here; the announcer decides which to read (the open channel's, from others).
 */
import { create } from "zustand";
import type { Message } from "@/shared/api";

export interface Arrival {
  seq: number;
  channelId: string;
  message: Message;
}

interface AnnouncementStore {
  last: Arrival | null;
  arrived: (channelId: string, message: Message) => void;
}

let seq = 0;

export const useAnnouncements = create<AnnouncementStore>()((set) => ({
  last: null,
  arrived: (channelId, message) => set({ last: { seq: ++seq, channelId, message } }),
}));
