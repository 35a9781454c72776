"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { useMessagesStore } from "../../stores/messages";

/** After signing in or up: drop anything cached for the previous visitor, then go on. */
export function useFinishAuth(next: string | undefined) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useCallback(() => {
    queryClient.clear();
    useMessagesStore.getState().clear();
    router.replace(next ?? "/");
  }, [queryClient, router, next]);
}
