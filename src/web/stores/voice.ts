/**
 * Who is in which voice room, as this client last heard it, and the state of my own call.
 * Occupants are fetched per server, then kept live by voice.state / voice.left /
 * voice.speaking. A person is in at most one room, so a state for a new room moves them.
 */
import { create } from "zustand";
import type { VoiceState } from "@/shared/voice";

/** channelId -> userId -> state. */
export type Rooms = Record<string, Record<string, VoiceState>>;

export type CallStatus = "connecting" | "connected" | "reconnecting" | "failed";

export interface MyCall {
  channelId: string;
  /** null for a call in a direct conversation (its room is the conversation's channel). */
  serverId: string | null;
  /** Video channels offer the camera; audio channels join with it off. */
  kind: "audio" | "video";
  status: CallStatus;
  /** What I asked for; the occupants' list shows what the server accepted. */
  selfMute: boolean;
  selfDeaf: boolean;
  camera: boolean;
  screen: boolean;
  /** A sentence a person understands, when something went wrong. */
  error?: string;
}

/** Drops this person from every room, keeping the same objects where nothing changed. */
function without(rooms: Rooms, userId: string, exceptChannelId?: string): Rooms {
  let next: Rooms | undefined;
  for (const [channelId, room] of Object.entries(rooms)) {
    if (channelId === exceptChannelId || !(userId in room)) continue;
    next ??= { ...rooms };
    const { [userId]: _gone, ...rest } = room;
    if (Object.keys(rest).length === 0) delete next[channelId];
    else next[channelId] = rest;
  }
  return next ?? rooms;
}

export function putState(rooms: Rooms, state: VoiceState): Rooms {
  const moved = without(rooms, state.userId, state.channelId);
  return { ...moved, [state.channelId]: { ...moved[state.channelId], [state.userId]: state } };
}

export function removeState(rooms: Rooms, channelId: string, userId: string): Rooms {
  const room = rooms[channelId];
  if (!room || !(userId in room)) return rooms;
  const { [userId]: _gone, ...rest } = room;
  const next = { ...rooms };
  if (Object.keys(rest).length === 0) delete next[channelId];
  else next[channelId] = rest;
  return next;
}

/** A server's fresh list replaces what we held for it; rooms of other servers stay. */
export function replaceServer(rooms: Rooms, serverId: string | null, states: VoiceState[]): Rooms {
  let next: Rooms = {};
  for (const [channelId, room] of Object.entries(rooms)) {
    const kept = Object.fromEntries(Object.entries(room).filter(([, s]) => s.serverId !== serverId));
    if (Object.keys(kept).length > 0) next[channelId] = kept;
  }
  for (const state of states) next = putState(next, state);
  return next;
}

const speakingKey = (channelId: string, userId: string) => `${channelId}:${userId}`;

interface VoiceStore {
  rooms: Rooms;
  /** `${channelId}:${userId}` of everyone speaking now. */
  speaking: Record<string, true>;
  call: MyCall | null;
  loadServer: (serverId: string, states: VoiceState[]) => void;
  /** Everyone in one room, as the server listed them (a conversation's call seen from outside). */
  loadRoom: (channelId: string, states: VoiceState[]) => void;
  put: (state: VoiceState) => void;
  left: (channelId: string, userId: string) => void;
  setSpeaking: (channelId: string, userId: string, speaking: boolean) => void;
  setCall: (call: MyCall | null) => void;
  patchCall: (patch: Partial<MyCall>) => void;
}

export const useVoiceStore = create<VoiceStore>()((set) => ({
  rooms: {},
  speaking: {},
  call: null,
  loadServer: (serverId, states) => set((s) => ({ rooms: replaceServer(s.rooms, serverId, states) })),
  loadRoom: (channelId, states) =>
    set((s) => {
      const { [channelId]: _old, ...others } = s.rooms;
      let rooms: Rooms = others;
      for (const state of states) if (state.channelId === channelId) rooms = putState(rooms, state);
      return { rooms };
    }),
  put: (state) => set((s) => ({ rooms: putState(s.rooms, state) })),
  left: (channelId, userId) =>
    set((s) => {
      const key = speakingKey(channelId, userId);
      if (!(key in s.speaking)) return { rooms: removeState(s.rooms, channelId, userId) };
      const { [key]: _gone, ...speaking } = s.speaking;
      return { rooms: removeState(s.rooms, channelId, userId), speaking };
    }),
  setSpeaking: (channelId, userId, speaking) =>
    set((s) => {
      const key = speakingKey(channelId, userId);
      if (speaking === key in s.speaking) return s;
      if (speaking) return { speaking: { ...s.speaking, [key]: true } };
      const { [key]: _gone, ...rest } = s.speaking;
      return { speaking: rest };
    }),
  setCall: (call) => set({ call }),
  patchCall: (patch) => set((s) => (s.call ? { call: { ...s.call, ...patch } } : s)),
}));

const emptyRoom: Record<string, VoiceState> = {};

/** Everyone in one room, in the order they joined. */
export function sortedOccupants(room: Record<string, VoiceState>): VoiceState[] {
  return Object.values(room).sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.userId.localeCompare(b.userId));
}

export function useRoom(channelId: string): Record<string, VoiceState> {
  return useVoiceStore((s) => s.rooms[channelId] ?? emptyRoom);
}

export function useSpeaking(channelId: string, userId: string): boolean {
  return useVoiceStore((s) => speakingKey(channelId, userId) in s.speaking);
}
