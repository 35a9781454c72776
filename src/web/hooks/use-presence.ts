"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { create } from "zustand";
import type { PresenceStatus } from "@/shared/api";
import { presenceStatuses } from "@/shared/api/presence";
import { limits } from "@/shared/limits";
import { api } from "../api";
import { queryKeys } from "../query-keys";
import { getSocket } from "../socket";
import { usePresenceStore } from "../stores/presence";

const storageKey = "giga-chat.status";

function storedChoice(): PresenceStatus {
  if (typeof localStorage === "undefined") return "online";
  const saved = localStorage.getItem(storageKey);
  return (presenceStatuses as readonly string[]).includes(saved ?? "") ? (saved as PresenceStatus) : "online";
}

interface MyStatusState {
  /** What I picked; kept across reloads on this device. */
  choice: PresenceStatus;
  /** Online, but no input for a while: shown as idle until I am back. */
  autoIdle: boolean;
  choose: (status: PresenceStatus) => void;
  setAutoIdle: (idle: boolean) => void;
}

export const useMyStatus = create<MyStatusState>()((set) => ({
  choice: "online",
  autoIdle: false,
  choose: (choice) => {
    localStorage.setItem(storageKey, choice);
    set({ choice, autoIdle: false });
    getSocket().emit("presence.set", { status: choice });
  },
  setAutoIdle: (autoIdle) => set({ autoIdle }),
}));

/** What others should see from this tab. */
export function effectiveStatus(): PresenceStatus {
  const { choice, autoIdle } = useMyStatus.getState();
  return choice === "online" && autoIdle ? "idle" : choice;
}

/**
 * The server forgets a socket's status when it drops, so say it again on every connect:
 * the chosen status (shared by all my devices) and whether this device is idle.
 */
export function announcePresence(): void {
  if (useMyStatus.getState().choice !== storedChoice()) useMyStatus.setState({ choice: storedChoice() });
  getSocket().emit("presence.set", { status: useMyStatus.getState().choice });
  if (useMyStatus.getState().autoIdle) getSocket().emit("presence.idle");
}

const activityEvents = ["pointerdown", "pointermove", "keydown", "wheel", "touchstart", "focus"] as const;

/** Goes idle after ten minutes without input, and back as soon as there is some. */
export function useIdleDetection(): void {
  useEffect(() => {
    useMyStatus.setState({ choice: storedChoice() });
    let lastInput = Date.now();
    const onActivity = () => {
      lastInput = Date.now();
      if (useMyStatus.getState().autoIdle) {
        useMyStatus.getState().setAutoIdle(false);
        getSocket().emit("presence.active");
      }
    };
    const timer = setInterval(() => {
      const { choice, autoIdle } = useMyStatus.getState();
      if (choice !== "online" || autoIdle || Date.now() - lastInput < limits.idleAfterSeconds * 1000) return;
      useMyStatus.getState().setAutoIdle(true);
      // This device only: another active device keeps me online.
      getSocket().emit("presence.idle");
    }, 15_000);
    for (const event of activityEvents) window.addEventListener(event, onActivity, { passive: true });
    return () => {
      clearInterval(timer);
      for (const event of activityEvents) window.removeEventListener(event, onActivity);
    };
  }, []);
}

/** Loads a server's presences into the store; presence.updated keeps them live after that. */
export function usePresences(serverId: string): boolean {
  const presences = useQuery({ queryKey: queryKeys.presences(serverId), queryFn: () => api.presences(serverId) });
  useEffect(() => {
    if (presences.data) usePresenceStore.getState().put(presences.data);
  }, [presences.data]);
  return !!presences.data;
}
