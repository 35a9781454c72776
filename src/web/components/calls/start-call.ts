/**
 * Starting, joining and answering a call in a conversation. The first step (asking the
 * server to start the call and ring the others) goes out on the socket at once; the call
 * code (WebRTC, devices) loads alongside and joins when both are ready, so the others'
 * ring never waits on a chunk download.
 */
import type { CallAck } from "@/shared/events";
import { getSocket } from "../../socket";
import { useCallsStore } from "../../stores/calls";
import { useToasts } from "../../stores/toasts";

const ackTimeoutMs = 10_000;

const loadSession = () => import("../../voice/session");

const refusals: Partial<Record<string, string>> = {
  NOT_FOUND: "This conversation no longer exists, or you are not in it.",
  FORBIDDEN: "You cannot call in this conversation.",
  MISSING_PERMISSIONS: "You cannot call in this conversation.",
  RATE_LIMITED: "You are calling too fast. Wait a moment and try again.",
};

function callAck(event: "call.start" | "call.ring", payload: { channelId: string; video?: boolean; userIds?: string[] }): Promise<CallAck> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false, error: { code: "INTERNAL", message: "The server did not answer. Try again." } }), ackTimeoutMs);
    const reply = (result: CallAck) => {
      clearTimeout(timer);
      resolve(result);
    };
    if (event === "call.start") getSocket().emit("call.start", payload, reply);
    else getSocket().emit("call.ring", payload, reply);
  });
}

function refused(ack: Extract<CallAck, { ok: false }>): void {
  useToasts.getState().show(refusals[ack.error.code] ?? ack.error.message);
}

/** Joins the conversation's call on this device (the room is the conversation's channel). */
export async function joinCall(channelId: string, myId: string, video: boolean): Promise<void> {
  const { joinRoom } = await loadSession();
  joinRoom({ serverId: null, channelId, kind: video ? "video" : "audio", myId, canSpeak: true, canVideo: true });
}

/** The header's call buttons: start the call (the others ring), then join it here. */
export async function startCall(channelId: string, myId: string, video: boolean): Promise<void> {
  const session = loadSession();
  session.catch(() => undefined);
  const ack = await callAck("call.start", { channelId, video });
  if (!ack.ok) return refused(ack);
  useCallsStore.getState().put(ack.call, myId);
  await joinCall(channelId, myId, video);
}

/** Rings people in the open call again (everyone not in it when `userIds` is left out). */
export async function ringAgain(channelId: string, myId: string, userIds?: string[]): Promise<void> {
  const ack = await callAck("call.ring", { channelId, userIds });
  if (!ack.ok) return refused(ack);
  useCallsStore.getState().put(ack.call, myId);
}

/** Stops my ringing for this call on all my devices; the card goes at once on this one. */
export function declineCall(channelId: string, callId: string): void {
  useCallsStore.getState().dismiss(callId);
  getSocket().emit("call.decline", { channelId });
}

/** Warms the call code (on hover or focus of a call button), so the join after the click is quick. */
export function prepareCall(): void {
  void loadSession().catch(() => undefined);
}
