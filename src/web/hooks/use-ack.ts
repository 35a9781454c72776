"use client";

import { useEffect, useState } from "react";
import { api } from "../api";
import { compareIds } from "../lib/ids";
import { EMPTY_CHANNEL, useMessagesStore } from "../stores/messages";
import { useReadStateStore } from "../stores/read-state";

/** At most one ack per channel in this window; the newest id at the end of it wins. */
const ackEveryMs = 2000;
const lastAckAt = new Map<string, number>();

/**
 * A visible tab counts as read. Requiring keyboard focus as well missed readers whose
 * window was on screen but not focused (a second monitor, a browser without focus).
 */
function isAttentive(): boolean {
  return typeof document !== "undefined" && document.visibilityState === "visible";
}

/**
 * Events after which attention is checked again. Input and focus moves count too: a
 * window can gain focus without a focus event, and at pointerdown it may not have it yet.
 */
const attentionEvents = ["focus", "blur", "pointerdown", "click", "focusin", "keydown"] as const;
/** A last resort for focus changes no event announced. */
const attentionPollMs = 5000;

/** Whether the person can see this tab: it is not hidden or minimised. */
export function useAttentive(): boolean {
  const [attentive, setAttentive] = useState(isAttentive);
  useEffect(() => {
    const update = () => setAttentive(isAttentive());
    update();
    for (const event of attentionEvents) window.addEventListener(event, update, true);
    document.addEventListener("visibilitychange", update);
    const poll = setInterval(update, attentionPollMs);
    return () => {
      clearInterval(poll);
      for (const event of attentionEvents) window.removeEventListener(event, update, true);
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

/**
 * Marks the open channel read up to its newest message while the window has attention.
 * Lives in the always-mounted shell, not in the channel view: the router may keep and
 * swap route trees, and a pending ack must not go with one.
 */
export function useAckOpenChannel(channelId: string | undefined): void {
  const attentive = useAttentive();
  const loaded = useReadStateStore((s) => s.loaded);
  const lastReadId = useReadStateStore((s) => (channelId ? (s.reads[channelId]?.lastReadId ?? null) : null));
  // Badges still showing for the open channel: ask the server again, whatever the cursor says.
  const stillBadged = useReadStateStore((s) => {
    const read = channelId ? s.reads[channelId] : undefined;
    return !!read && (read.mentionCount > 0 || read.unreadCount > 0);
  });
  const channel = useMessagesStore((s) => (channelId ? (s.channels[channelId] ?? EMPTY_CHANNEL) : EMPTY_CHANNEL));
  // Marked unread while open: left unread until I leave and come back (or send, or mark it read).
  const held = useReadStateStore((s) => (channelId ? !!s.markedUnread[channelId] : false));
  useEffect(() => {
    if (!channelId) return;
    useReadStateStore.getState().releaseUnread(channelId);
    return () => useReadStateStore.getState().releaseUnread(channelId);
  }, [channelId]);
  // An older stretch after a jump is not the end of the channel; reading it reads nothing new.
  const newest = channel.loaded && !channel.hasMoreAfter ? channel.order[channel.order.length - 1] : undefined;

  useEffect(() => {
    if (!channelId || !loaded || !attentive || !newest || held) return;
    if (lastReadId && compareIds(newest, lastReadId) <= 0 && !stillBadged) return;
    const wait = (lastAckAt.get(channelId) ?? 0) + ackEveryMs - Date.now();
    if (wait <= 0) {
      void sendAck(channelId, newest);
      return;
    }
    const timer = setTimeout(() => void sendAck(channelId, newest), wait);
    return () => clearTimeout(timer);
  }, [channelId, newest, lastReadId, loaded, attentive, stillBadged, held]);
}
