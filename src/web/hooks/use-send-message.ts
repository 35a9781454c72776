"use client";

import { useCallback } from "react";
import type { PublicUser } from "@/shared/api";
import { api } from "../api";
import { describeError } from "../lib/errors";
import { newNonce } from "../lib/nonce";
import { useMessagesStore } from "../stores/messages";

async function deliver(channelId: string, content: string, nonce: string): Promise<void> {
  try {
    const message = await api.sendMessage(channelId, content, nonce);
    useMessagesStore.getState().merge(channelId, [message]);
  } catch (error) {
    // The socket may already have delivered it (the reply was lost, not the message).
    const settled = !useMessagesStore.getState().channels[channelId]?.outgoing.some((o) => o.nonce === nonce);
    if (!settled) useMessagesStore.getState().markOutgoing(channelId, nonce, "failed", describeError(error));
  }
}

/** Optimistic send: the message shows at once as pending and is reconciled by its nonce. */
export function useSendMessage(channelId: string, author: PublicUser | undefined) {
  const send = useCallback(
    (content: string) => {
      if (!author) return;
      const nonce = newNonce();
      useMessagesStore.getState().addOutgoing({
        nonce,
        channelId,
        author,
        content,
        createdAt: new Date().toISOString(),
        status: "pending",
      });
      void deliver(channelId, content, nonce);
    },
    [channelId, author],
  );

  /** Same nonce: if the first attempt did land, the server answers with that message. */
  const retry = useCallback(
    (nonce: string) => {
      const outgoing = useMessagesStore.getState().channels[channelId]?.outgoing.find((o) => o.nonce === nonce);
      if (!outgoing) return;
      useMessagesStore.getState().markOutgoing(channelId, nonce, "pending");
      void deliver(channelId, outgoing.content, nonce);
    },
    [channelId],
  );

  return { send, retry };
}
