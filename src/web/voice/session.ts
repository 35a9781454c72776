/**
 * The tab's one call and what the controls do to it: join, leave, mute, deafen, camera,
 * screen, and device changes mid-call. Loaded lazily with the room view.
 */
import type { VoiceSlot } from "@/shared/voice";
import { getSocket } from "../socket";
import { useToasts } from "../stores/toasts";
import { useVoiceStore, type MyCall } from "../stores/voice";
import { VoiceCall, type CallTarget } from "./call";
import { cameraConstraints, describeMediaError, micConstraints, type DevicePrefs } from "./devices";
import { useMediaStore } from "./media-store";

let current: VoiceCall | null = null;

/** Joins a room, leaving the one I am in first (the server also moves me). */
export function joinRoom(target: CallTarget): void {
  if (current?.target.channelId === target.channelId && useVoiceStore.getState().call?.status !== "failed") return;
  current?.leave();
  const call = new VoiceCall(target, () => {
    if (current === call) current = null;
  });
  current = call;
  // Video rooms offer the camera at once; audio rooms join with it off.
  void call.start(target.kind === "video");
}

export function leaveRoom(): void {
  current?.leave();
}

function update(patch: Partial<Pick<MyCall, "selfMute" | "selfDeaf" | "camera" | "screen">>): void {
  useVoiceStore.getState().patchCall(patch);
  getSocket().emit("voice.update", patch);
}

export function toggleMute(): void {
  const call = useVoiceStore.getState().call;
  if (!call) return;
  // Unmuting while deafened undeafens too, as people expect.
  update(call.selfMute || call.selfDeaf ? { selfMute: false, selfDeaf: false } : { selfMute: true });
  current?.applyMute();
}

let mutedBeforeDeafen = false;

export function toggleDeafen(): void {
  const call = useVoiceStore.getState().call;
  if (!call) return;
  if (call.selfDeaf) {
    update({ selfDeaf: false, selfMute: mutedBeforeDeafen });
  } else {
    mutedBeforeDeafen = call.selfMute;
    update({ selfDeaf: true, selfMute: true });
  }
  current?.applyMute();
}

/** Opens a slot: sent at once when its m-line exists, else asked for (the next offer attaches it). */
async function publish(call: VoiceCall, slot: VoiceSlot, track: MediaStreamTrack): Promise<void> {
  useMediaStore.getState().setLocal(slot, track);
  if (!(await call.replaceSlot(slot, track))) getSocket().emit("voice.publish", { slot });
}

export async function toggleCamera(): Promise<void> {
  const call = current;
  if (!call) return;
  const camera = call.tracks.video;
  if (camera) {
    // The m-line stays open and empty, so turning the camera on again needs no new offer.
    await call.replaceSlot("video", null);
    camera.stop();
    useMediaStore.getState().setLocal("video", null);
    update({ camera: false });
    return;
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: cameraConstraints(useMediaStore.getState().prefs) });
    const [track] = stream.getVideoTracks();
    if (!track || current !== call) return track?.stop();
    await publish(call, "video", track);
    update({ camera: true });
  } catch (error) {
    useToasts.getState().show(describeMediaError(error, "camera"));
  }
}

async function stopScreen(call: VoiceCall): Promise<void> {
  for (const slot of ["screen", "screenAudio"] as const) {
    const track = call.tracks[slot];
    if (!track) continue;
    await call.replaceSlot(slot, null);
    track.stop();
    useMediaStore.getState().setLocal(slot, null);
    getSocket().emit("voice.unpublish", { slot });
  }
  update({ screen: false });
}

export async function toggleScreen(): Promise<void> {
  const call = current;
  if (!call) return;
  if (call.tracks.screen) return stopScreen(call);
  let stream: MediaStream;
  try {
    // The screen's sound comes along when the browser offers it (a tab, or the whole screen on some systems).
    stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: true });
  } catch (error) {
    useToasts.getState().show(describeMediaError(error, "screen"));
    return;
  }
  const [video] = stream.getVideoTracks();
  const [audio] = stream.getAudioTracks();
  if (!video || current !== call) {
    for (const t of stream.getTracks()) t.stop();
    return;
  }
  // The browser's own "Stop sharing" button ends the track.
  video.addEventListener("ended", () => {
    if (current === call && call.tracks.screen === video) void stopScreen(call);
  });
  await publish(call, "screen", video);
  if (audio) await publish(call, "screenAudio", audio);
  update({ screen: true });
}

/** Saves the choice; a new mic or camera is switched in mid-call without a new offer. */
export async function changePrefs(patch: Partial<DevicePrefs>): Promise<void> {
  useMediaStore.getState().setPrefs(patch);
  const call = current;
  if (!call) return;
  const prefs = useMediaStore.getState().prefs;
  try {
    if ("micId" in patch || "noiseSuppression" in patch || "echoCancellation" in patch) {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: micConstraints(prefs) });
      const [mic] = stream.getAudioTracks();
      if (mic && current === call) {
        // Without a microphone at join there is no m-line for it yet: ask for one.
        if (!(await call.replaceSlot("audio", mic))) getSocket().emit("voice.publish", { slot: "audio" });
        call.useMic(mic);
      }
    }
    if ("cameraId" in patch && call.tracks.video) {
      const stream = await navigator.mediaDevices.getUserMedia({ video: cameraConstraints(prefs) });
      const [cam] = stream.getVideoTracks();
      const old = call.tracks.video;
      if (cam && current === call) {
        await call.replaceSlot("video", cam);
        useMediaStore.getState().setLocal("video", cam);
        old.stop();
      }
    }
  } catch (error) {
    useToasts.getState().show(describeMediaError(error, "cameraId" in patch ? "camera" : "microphone"));
  }
}

export function activeTarget(): CallTarget | null {
  return current?.target ?? null;
}
