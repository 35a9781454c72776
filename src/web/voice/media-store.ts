/**
 * The live media of my call: my own tracks (for the self view), everyone else's tracks
 * by person and slot, and connection quality. Kept apart from the occupants store, whose
 * plain data the channel list reads without loading any call code.
 */
import { create } from "zustand";
import type { VoiceSlot } from "@/shared/voice";
import type { DevicePrefs } from "./devices";
import { loadPrefs, savePrefs } from "./devices";
import type { PersonTracks } from "./mlines";
import type { Quality } from "./stats";

interface MediaStore {
  local: Partial<Record<VoiceSlot, MediaStreamTrack>>;
  remote: Record<string, PersonTracks<MediaStreamTrack>>;
  quality: Record<string, Quality>;
  prefs: DevicePrefs;
  /** The tile shown large, as `${userId}:${slot}`. */
  pinned: string | null;
  setLocal: (slot: VoiceSlot, track: MediaStreamTrack | null) => void;
  setRemote: (remote: Record<string, PersonTracks<MediaStreamTrack>>) => void;
  setQuality: (quality: Record<string, Quality>) => void;
  setPrefs: (patch: Partial<DevicePrefs>) => void;
  pin: (key: string | null) => void;
  reset: () => void;
}

export const useMediaStore = create<MediaStore>()((set) => ({
  local: {},
  remote: {},
  quality: {},
  prefs: loadPrefs(),
  pinned: null,
  setLocal: (slot, track) =>
    set((s) => {
      const local = { ...s.local };
      if (track) local[slot] = track;
      else delete local[slot];
      return { local };
    }),
  setRemote: (remote) => set({ remote }),
  setQuality: (quality) => set({ quality }),
  setPrefs: (patch) =>
    set((s) => {
      const prefs = { ...s.prefs, ...patch };
      savePrefs(prefs);
      return { prefs };
    }),
  pin: (pinned) => set({ pinned }),
  reset: () => set({ local: {}, remote: {}, quality: {}, pinned: null }),
}));
