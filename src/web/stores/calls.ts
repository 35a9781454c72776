/**
 * The calls open in my conversations, as this client last heard them: loaded from
 * `GET /users/@me/calls` when the socket is ready (first time and after every reconnect),
 * then kept live by `call.updated` and `call.ended`. Who rings is the server's: a device
 * rings while its person's id is in a call's `ringing`.
 */
import { create } from "zustand";
import type { CallInfo } from "@/shared/calls";
import { api } from "../api";

interface CallsState {
  /** channelId -> the call open there. */
  byChannel: Record<string, CallInfo>;
  /** Calls this device was told to stop ringing for (declined here) before the server's word arrives. */
  dismissed: Record<string, true>;
  load: (calls: CallInfo[]) => void;
  /** `myId`: once the server no longer rings me, a local dismissal has done its job (a later ring shows again). */
  put: (call: CallInfo, myId?: string) => void;
  end: (channelId: string, callId: string) => void;
  dismiss: (callId: string) => void;
}

/** While a list is being fetched: the live changes heard meanwhile, replayed over it when it lands. */
let heardDuringLoad: Array<(s: CallsState) => void> | null = null;

export const useCallsStore = create<CallsState>()((set) => ({
  byChannel: {},
  dismissed: {},
  load: (calls) => set({ byChannel: Object.fromEntries(calls.map((c) => [c.channelId, c])) }),
  put: (call, myId) => {
    heardDuringLoad?.push((s) => s.put(call, myId));
    set((s) => {
      const byChannel = { ...s.byChannel, [call.channelId]: call };
      if (!s.dismissed[call.id] || !myId || call.ringing.includes(myId)) return { byChannel };
      const { [call.id]: _done, ...dismissed } = s.dismissed;
      return { byChannel, dismissed };
    });
  },
  end: (channelId, callId) => {
    heardDuringLoad?.push((state) => state.end(channelId, callId));
    set((s) => {
      const current = s.byChannel[channelId];
      // A late end of an older call must not drop a newer one.
      if (!current || current.id !== callId) return s;
      const { [channelId]: _gone, ...rest } = s.byChannel;
      return { byChannel: rest };
    });
  },
  dismiss: (callId) => set((s) => ({ dismissed: { ...s.dismissed, [callId]: true } })),
}));

/** Fetches the open calls again (the socket is ready: events may have been missed meanwhile). */
export async function loadCalls(): Promise<void> {
  const heard: Array<(s: CallsState) => void> = [];
  heardDuringLoad = heard;
  try {
    const calls = await api.myCalls();
    if (heardDuringLoad !== heard) return; // a newer load is on its way
    heardDuringLoad = null;
    const store = useCallsStore.getState();
    store.load(calls);
    for (const replay of heard) replay(useCallsStore.getState());
  } catch {
    // Not fatal: call.updated keeps coming; the next ready tries again.
    if (heardDuringLoad === heard) heardDuringLoad = null;
  }
}

export function useOpenCall(channelId: string): CallInfo | undefined {
  return useCallsStore((s) => s.byChannel[channelId]);
}

/**
 * The calls that ring for me on this device, oldest first: I am in `ringing`, I did not
 * just decline here, and this device is not already in that call.
 */
export function ringingFor(state: Pick<CallsState, "byChannel" | "dismissed">, myId: string | undefined, inCallChannelId?: string): CallInfo[] {
  if (!myId) return [];
  return Object.values(state.byChannel)
    .filter((c) => c.ringing.includes(myId) && !state.dismissed[c.id] && c.channelId !== inCallChannelId)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
}
