"use client";

import { useCallback, useRef } from "react";
import { getSocket } from "../socket";

/** Renewed well inside the server's expiry, so the indicator never flickers while someone types. */
const renewEveryMs = 5000;

/** Returns a function to call on every keystroke; it tells the server at most every few seconds. */
export function useTypingSignal(channelId: string): { typed: () => void; sent: () => void } {
  const lastSent = useRef(0);
  const typed = useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current < renewEveryMs) return;
    const socket = getSocket();
    if (!socket.connected) return;
    lastSent.current = now;
    socket.volatile.emit("typing.start", { channelId });
  }, [channelId]);
  // Receivers drop the indicator when my message arrives; the next keystroke starts afresh.
  const sent = useCallback(() => {
    lastSent.current = 0;
  }, []);
  return { typed, sent };
}
