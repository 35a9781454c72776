"use client";

import { useCallback } from "react";
import type { Attachment, Message, PublicUser } from "@/shared/api";
import { api, isApiError, retryAfterMs } from "../api";
import { describeSendError } from "../lib/errors";
import { newNonce } from "../lib/nonce";
import { getSocket } from "../socket";
import { useChatUi } from "../stores/chat-ui";
import { useMessagesStore, type OutgoingMessage } from "../stores/messages";
import { sentAMessage } from "../stores/notify";

/** Offline, or the live connection is down: a POST now would most likely fail, so queue. */
function offline(): boolean {
  return (typeof navigator !== "undefined" && navigator.onLine === false) || !getSocket().connected;
}

function stillOutgoing(channelId: string, nonce: string): boolean {
  return !!useMessagesStore.getState().channels[channelId]?.outgoing.some((o) => o.nonce === nonce);
}

async function deliver(outgoing: OutgoingMessage): Promise<void> {
  const { channelId, nonce } = outgoing;
  const store = useMessagesStore.getState();
  store.markOutgoing(channelId, nonce, "pending");
  try {
    const attachmentIds = outgoing.attachments?.map((a) => a.id);
    const message = await api.sendMessage(
      channelId,
      outgoing.content,
      nonce,
      outgoing.replyTo?.id,
      attachmentIds && attachmentIds.length > 0 ? attachmentIds : undefined,
    );
    useMessagesStore.getState().merge(channelId, [message]);
    sentAMessage();
  } catch (error) {
    // The socket may already have delivered it (the reply was lost, not the message).
    if (!stillOutgoing(channelId, nonce)) return;
    if (isApiError(error, "NETWORK_ERROR")) {
      // Not a refusal: it waits for the connection and goes out with the same nonce.
      useMessagesStore.getState().markOutgoing(channelId, nonce, "queued");
      return;
    }
    const wait = retryAfterMs(error);
    if (wait !== undefined) {
      const reason = isApiError(error, "SLOWMODE") ? "slowmode" : "rate";
      useChatUi.getState().setCooldown(channelId, { until: Date.now() + wait, reason });
    }
    useMessagesStore.getState().markOutgoing(channelId, nonce, "failed", describeSendError(error));
  }
}

let flushing: Promise<void> | undefined;

async function sendQueued(): Promise<void> {
  for (const channel of Object.values(useMessagesStore.getState().channels)) {
    for (const outgoing of channel.outgoing) {
      if (outgoing.status !== "queued" || offline()) continue;
      await deliver(outgoing);
    }
  }
}

/**
 * Sends everything written while offline, oldest first and one at a time per channel so
 * the order people wrote in is the order others read. Called when the socket is ready
 * and when the browser is back online.
 */
export function flushQueued(): Promise<void> {
  if (flushing) return flushing;
  // Cleared in a later tick: a run with nothing to await finishes synchronously, before
  // it could be stored, and a guard cleared inside it would then never be cleared again.
  const run = sendQueued().finally(() => {
    if (flushing === run) flushing = undefined;
  });
  flushing = run;
  return run;
}

export interface SendOptions {
  replyTo?: Message;
  /** Finished uploads; a message may be only these, with no text. */
  attachments?: Attachment[];
}

function quote(message: Message | undefined): OutgoingMessage["replyTo"] {
  if (!message) return undefined;
  return { id: message.id, author: message.author, content: message.content, deleted: false };
}

/** Optimistic send: the message shows at once as pending (or queued offline) and is reconciled by its nonce. */
export function useSendMessage(channelId: string, author: PublicUser | undefined) {
  const send = useCallback(
    (content: string, options: SendOptions = {}) => {
      if (!author) return;
      const outgoing: OutgoingMessage = {
        nonce: newNonce(),
        channelId,
        author,
        content,
        createdAt: new Date().toISOString(),
        status: offline() ? "queued" : "pending",
        replyTo: quote(options.replyTo),
        attachments: options.attachments && options.attachments.length > 0 ? options.attachments : undefined,
      };
      useMessagesStore.getState().addOutgoing(outgoing);
      if (outgoing.status === "pending") void deliver(outgoing);
    },
    [channelId, author],
  );

  /** Same nonce: if the first attempt did land, the server answers with that message. */
  const retry = useCallback(
    (nonce: string) => {
      const outgoing = useMessagesStore.getState().channels[channelId]?.outgoing.find((o) => o.nonce === nonce);
      if (!outgoing) return;
      if (offline()) useMessagesStore.getState().markOutgoing(channelId, nonce, "queued");
      else void deliver(outgoing);
    },
    [channelId],
  );

  const discard = useCallback((nonce: string) => useMessagesStore.getState().dropOutgoing(channelId, nonce), [channelId]);

  return { send, retry, discard };
}
