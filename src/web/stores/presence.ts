/**
 * Everyone's presence as this client last heard it: fetched per server, then kept live
 * by presence.updated. A person missing here has not been reported and shows offline.
 */
import { create } from "zustand";
import type { Presence } from "@/shared/api";

export type Status = Presence["status"];

interface PresenceState {
  statuses: Record<string, Status>;
  put: (presences: Presence[]) => void;
}

export const usePresenceStore = create<PresenceState>()((set) => ({
  statuses: {},
  put: (presences) =>
    set((s) => {
      const statuses = { ...s.statuses };
      let changed = false;
      for (const p of presences) {
        if (statuses[p.userId] !== p.status) {
          statuses[p.userId] = p.status;
          changed = true;
        }
      }
      return changed ? { statuses } : s;
    }),
}));

export function useStatus(userId: string): Status {
  return usePresenceStore((s) => s.statuses[userId] ?? "offline");
}
