"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { closeSocket } from "../socket";
import { useMessagesStore } from "../stores/messages";

export function useSignOut() {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useCallback(async () => {
    try {
      // This browser stops receiving the account's pushes (while the session can still say so).
      await import("../notify/push")
        .then((m) => Promise.race([m.forgetPushSubscription(), new Promise((resolve) => setTimeout(resolve, 3000))]))
        .catch(() => undefined);
      // The sign-in client loads when needed: the chat screen has no other use for it.
      const { getAuthClient } = await import("../auth-client");
      await getAuthClient().signOut();
    } finally {
      // Even if the request failed, this tab must stop showing the last person's data.
      closeSocket();
      queryClient.clear();
      useMessagesStore.getState().clear();
      router.replace("/sign-in");
    }
  }, [queryClient, router]);
}
