"use client";

import { useEffect, useState } from "react";
import { api } from "../api";
import { compareIds } from "../lib/ids";
import type { ChannelMessages } from "../stores/messages";
import { useReadStateStore } from "../stores/read-state";

/** At most one ack per channel in this window; the newest id at the end of it wins. */
const ackEveryMs = 2000;
const lastAckAt = new Map<string, number>();

function isAttentive(): boolean {
  return typeof document !== "undefined" && document.visibilityState === "visible" && document.hasFocus();
}

/** Whether the person is looking at this tab: it has focus and is not hidden. */
export function useAttentive(): boolean {
  const [attentive, setAttentive] = useState(isAttentive);
  useEffect(() => {
    const update = () => setAttentive(isAttentive());
    window.addEventListener("focus", update);
    window.addEventListener("blur", update);
    document.addEventListener("visibilitychange", update);
    return () => {
      window.removeEventListener("focus", update);
      window.removeEventListener("blur", update);
      document.removeEventListener("visibilitychange", update);
    };
  }, []);
  return attentive;
}

async function sendAck(channelId: string, messageId: string): Promise<void> {
  lastAckAt.set(channelId, Date.now());
  // Clear the badge at once; the server's answer (and read.updated on my other devices) confirms it.
  useReadStateStore.getState().apply({ channelId, lastReadId: messageId, unreadCount: 0, mentionCount: 0 });
  try {
    useReadStateStore.getState().apply(await api.ack(channelId, messageId));
  } catch {
    // A lost ack only leaves the badge to the next one; nothing to tell the reader.
  }
}

/** Marks the open channel read up to its newest message while the window has attention. */
export function useAckOpenChannel(channelId: string, channel: ChannelMessages): void {
  const attentive = useAttentive();
  const loaded = useReadStateStore((s) => s.loaded);
  const lastReadId = useReadStateStore((s) => s.reads[channelId]?.lastReadId ?? null);
  // An older stretch after a jump is not the end of the channel; reading it reads nothing new.
  const newest = channel.loaded && !channel.hasMoreAfter ? channel.order[channel.order.length - 1] : undefined;

  useEffect(() => {
    if (!loaded || !attentive || !newest) return;
    if (lastReadId && compareIds(newest, lastReadId) <= 0) return;
    const wait = (lastAckAt.get(channelId) ?? 0) + ackEveryMs - Date.now();
    if (wait <= 0) {
      void sendAck(channelId, newest);
      return;
    }
    const timer = setTimeout(() => void sendAck(channelId, newest), wait);
    return () => clearTimeout(timer);
  }, [channelId, newest, lastReadId, loaded, attentive]);
}
