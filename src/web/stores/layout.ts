/**
 * The narrow-screen frame: whether the phone drawer (server rail and channel or
 * conversation list) is out, and whether the member list is shown below the widths that
 * always show it. Layout itself is CSS (`md:`/`xl:`); this is only what was toggled.
 */
import { create } from "zustand";

interface LayoutState {
  drawerOpen: boolean;
  /** Below xl, where the member list is hidden until asked for (a sheet on phones). */
  membersOpen: boolean;
  setDrawerOpen: (open: boolean) => void;
  setMembersOpen: (open: boolean) => void;
}

export const useLayout = create<LayoutState>()((set) => ({
  drawerOpen: false,
  membersOpen: false,
  setDrawerOpen: (drawerOpen) => set({ drawerOpen }),
  setMembersOpen: (membersOpen) => set({ membersOpen }),
}));
