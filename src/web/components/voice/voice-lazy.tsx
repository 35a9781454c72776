"use client";

import dynamic from "next/dynamic";
import type { Channel } from "@/shared/api";
import { useVoiceStore } from "../../stores/voice";
import { lazyPart } from "../ui/lazy";
import { Spinner } from "../ui/spinner";

// The call code (WebRTC, devices, the room view) loads only when a voice channel is
// opened or a call is active, so the chat's first load stays small.
const Room = dynamic(() => import("./voice-room"), {
  ssr: false,
  loading: () => (
    <div className="flex flex-1 items-center justify-center">
      <Spinner />
    </div>
  ),
});
const Bar = dynamic(() => import("./call-bar"), { ssr: false });
const Audio = dynamic(() => import("./call-audio"), { ssr: false });

export function VoiceRoomView({ serverId, channel }: { serverId: string; channel: Channel }) {
  return <Room serverId={serverId} channel={channel} />;
}

/** The compact call bar at the bottom of the channel list, while a call is on. */
export function CallBarSlot() {
  const active = useVoiceStore((s) => s.call !== null);
  return active ? <Bar /> : null;
}

/** The call's sound, on every page. */
export function CallAudioSlot() {
  const active = useVoiceStore((s) => s.call !== null);
  return active ? <Audio /> : null;
}

/** A moderator's menu on someone in a room (right click in the channel list), loaded when first opened. */
export const VoiceMenu = lazyPart(() => import("./voice-menu").then((m) => m.VoiceMenu));
