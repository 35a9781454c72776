/** Why the server on screen went away (kicked, banned, deleted): told once on the home screen. */
import { create } from "zustand";

export type RemovalReason = "kicked" | "banned" | "deleted";

export interface RemovalNotice {
  serverName: string;
  reason: RemovalReason;
}

interface RemovalState {
  notice: RemovalNotice | null;
  show: (notice: RemovalNotice) => void;
  dismiss: () => void;
}

export const useRemoval = create<RemovalState>()((set) => ({
  notice: null,
  show: (notice) => set({ notice }),
  dismiss: () => set({ notice: null }),
}));

/** The dialog's title; the moderator's reason is theirs (audit log), never shown, as on Discord. */
export function removalTitle({ serverName, reason }: RemovalNotice): string {
  if (reason === "kicked") return `You were kicked from ${serverName}`;
  if (reason === "banned") return `You were banned from ${serverName}`;
  return `${serverName} was deleted`;
}

export function removalText({ reason }: RemovalNotice): string {
  if (reason === "kicked") return "You can join again if someone sends you a new invite.";
  if (reason === "banned") return "You can't rejoin it unless a moderator lifts the ban.";
  return "Its owner deleted it, with all its channels and messages.";
}
