"use client";

import type { DmChannel } from "@/shared/api";
import { useMe } from "../../hooks/use-me";
import { ringingFor, useCallsStore, useOpenCall } from "../../stores/calls";
import { useVoiceStore } from "../../stores/voice";
import { lazyPart } from "../ui/lazy";

// The call UI of conversations loads only when a call is open or rings: the chat's first
// load carries none of it (nor the WebRTC code it pulls in).

const Panel = lazyPart(() => import("./dm-call-panel").then((m) => m.default));
const Incoming = lazyPart(() => import("./incoming-calls").then((m) => m.default));

/** Above a conversation's messages while a call is open there, or this device is in (or failed to join) one. */
export function DmCallPanelSlot({ dm }: { dm: DmChannel }) {
  const me = useMe().data;
  const call = useOpenCall(dm.id);
  const mine = useVoiceStore((s) => s.call?.channelId === dm.id);
  if (!me || (!call && !mine)) return null;
  return <Panel dm={dm} me={me} call={call} />;
}

/** The ringing cards, anywhere in the app, while a call rings for me on this device. */
export function IncomingCallsSlot() {
  const myId = useMe().data?.id;
  const inCall = useVoiceStore((s) => s.call?.channelId);
  const ringing = useCallsStore((s) => ringingFor(s, myId, inCall).length > 0);
  return ringing && myId ? <Incoming myId={myId} /> : null;
}
