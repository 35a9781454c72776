"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import type { VoiceModerationInput } from "@/shared/voice";
import { api } from "../api";
import { queryKeys } from "../query-keys";
import { useToasts } from "../stores/toasts";
import { useVoiceStore } from "../stores/voice";
import { describeError } from "../lib/errors";

/**
 * Loads who is in the server's voice rooms into the store; voice.state and voice.left keep
 * it live after that, and a reconnect refetches it (the "servers" queries are refreshed).
 */
export function useVoiceStates(serverId: string): void {
  const states = useQuery({ queryKey: queryKeys.voiceStates(serverId), queryFn: () => api.voiceStates(serverId) });
  useEffect(() => {
    if (states.data) useVoiceStore.getState().loadServer(serverId, states.data);
  }, [serverId, states.data]);
}

/** A moderator's server mute, server deafen, move or disconnect; a refusal shows as a toast. */
export function useModerateVoice(serverId: string) {
  return useMutation({
    mutationFn: (v: { userId: string; input: VoiceModerationInput } | { userId: string; disconnect: true }) =>
      "disconnect" in v ? api.disconnectVoice(serverId, v.userId) : api.moderateVoice(serverId, v.userId, v.input),
    onError: (error) => useToasts.getState().show(describeError(error)),
  });
}
