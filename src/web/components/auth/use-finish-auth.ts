"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { safeNext } from "@/shared/safe-next";
import { useMessagesStore } from "../../stores/messages";

/** After signing in or up: drop anything cached for the previous visitor, then go on (to our own site only). */
export function useFinishAuth(next: string | undefined) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useCallback(() => {
    queryClient.clear();
    useMessagesStore.getState().clear();
    router.replace(safeNext(next) ?? "/");
  }, [queryClient, router, next]);
}
