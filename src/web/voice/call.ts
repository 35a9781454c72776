/**
 * My call: one peer connection to the media server, answered to the server's offers one
 * at a time. The server always offers (no glare); each offer says which m-lines carry my
 * slots (`publishMids`) and whose track every other m-line brings (`midOwners`). The
 * call survives the room view being closed; it ends on leave or when the server says so.
 * On a server whose rooms run on LiveKit the join answers with its URL and a token
 * instead, and ./livekit.ts (its own chunk, loaded then) carries the media.
 */
import type { ServerToClientEvents, VoiceJoinAck } from "@/shared/events";
import type { VoiceEndReason, VoiceSlot } from "@/shared/voice";
import { getSocket } from "../socket";
import { useToasts } from "../stores/toasts";
import { useVoiceStore } from "../stores/voice";
import { registerCall } from "./bridge";
import { cameraConstraints, describeMediaError, micConstraints } from "./devices";
import { useMediaStore } from "./media-store";
import { attachmentsFor, tracksByPerson, type MidOwners, type PublishMids } from "./mlines";
import { watchSpeaking } from "./speaking";
import { summarize, type Counters, type StatEntry } from "./stats";
import type { LiveKitMedia } from "./livekit";

type Offer = Parameters<ServerToClientEvents["voice.offer"]>[0];

export interface CallTarget {
  /** null for a call in a direct conversation. */
  serverId: string | null;
  channelId: string;
  kind: "audio" | "video";
  myId: string;
  /** From my permissions in the room: asking for a slot I may not fill refuses the whole join. */
  canSpeak: boolean;
  canVideo: boolean;
}

const joinTimeoutMs = 15_000;
/** A joined connection that carries no media after this long is dropped and joined again. */
const connectTimeoutMs = 30_000;
const statsIntervalMs = 2_000;
/** Connections the media server dropped (or could not make) in a row before the call gives up. */
const maxDropsInARow = 3;

const endMessages: Partial<Record<VoiceEndReason, string>> = {
  joined_elsewhere: "You joined a room from another device.",
  disconnected_by_moderator: "A moderator disconnected you from the room.",
  lost_access: "You can no longer connect to this room.",
  channel_deleted: "This room was deleted.",
  connection_lost: "The connection to the room keeps dropping. Check your network, then join again.",
};

const joinMessages: Partial<Record<string, string>> = {
  MISSING_PERMISSIONS: "You do not have permission to join this room.",
  NOT_FOUND: "This room no longer exists, or you cannot see it.",
  NO_CALL: "This call has ended.",
  RATE_LIMITED: "You are joining too fast. Wait a moment and try again.",
  NETWORK_ERROR: "Could not reach the server. Check your connection and try again.",
};

export function describeJoinError(code: string, fallback: string): string {
  return joinMessages[code] ?? fallback;
}

export class VoiceCall {
  target: CallTarget;
  private pc: RTCPeerConnection | null = null;
  /** The media on a LiveKit server, when the join said so. */
  private livekit: LiveKitMedia | null = null;
  private publishMids: PublishMids = {};
  private owners: MidOwners = {};
  /** Offers wait on this: each negotiation starts when the one before it is done. */
  private chain: Promise<void> = Promise.resolve();
  /**
   * Settles when a peer connection is closed. The browser leaves the promises of a
   * negotiation in progress pending for ever once its connection closes (a rejoin under
   * load): waiting on them would hold every later offer, and the call would stay
   * "reconnecting" with a connection that never gets an offer.
   */
  private readonly closedSignals = new WeakMap<RTCPeerConnection, { promise: Promise<void>; settle: () => void }>();
  /** Resolves with the peer connection of the current join (offers can beat the ack). */
  private connected: Promise<RTCPeerConnection | null> = Promise.resolve(null);
  private generation = 0;
  private counters: Counters = {};
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private stopSpeaking: (() => void) | undefined;
  private unsubscribe: Array<() => void> = [];
  private ended = false;
  /** Connections the media server dropped since this call last connected. */
  private droppedInARow = 0;

  /** `onFinish`: the call ended, by me or by the server (a moderator, a deleted room). */
  constructor(
    target: CallTarget,
    private readonly onFinish: () => void,
  ) {
    this.target = target;
  }

  get tracks() {
    return useMediaStore.getState().local;
  }

  /** Takes the microphone (and the camera in a video room), then joins. */
  async start(camera: boolean): Promise<void> {
    const { setCall } = useVoiceStore.getState();
    setCall({
      channelId: this.target.channelId,
      serverId: this.target.serverId,
      kind: this.target.kind,
      status: "connecting",
      selfMute: false,
      selfDeaf: false,
      camera: false,
      screen: false,
    });
    registerCall({ offer: (p) => this.onOffer(p), ended: (p) => this.onEnded(p.channelId, p.reason), moved: (p) => this.onMoved(p.toChannelId) });
    this.listenToSocket();
    this.watchModeration();
    const prefs = useMediaStore.getState().prefs;
    const problems: string[] = [];
    if (!this.target.canSpeak) problems.push("You do not have permission to speak in this room; you can listen.");
    else {
      try {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: micConstraints(prefs) });
        const [mic] = stream.getAudioTracks();
        if (mic && this.ended) mic.stop();
        else if (mic) this.useMic(mic);
      } catch (error) {
        problems.push(`${describeMediaError(error, "microphone")} You can still listen.`);
      }
    }
    if (camera && this.target.canVideo) {
      try {
        const stream = await navigator.mediaDevices.getUserMedia({ video: cameraConstraints(prefs) });
        const [cam] = stream.getVideoTracks();
        if (cam && this.ended) cam.stop();
        else if (cam) useMediaStore.getState().setLocal("video", cam);
      } catch (error) {
        problems.push(describeMediaError(error, "camera"));
      }
    }
    if (this.ended) return this.stopTracks();
    useVoiceStore.getState().patchCall({ camera: !!this.tracks.video, error: problems.join(" ") || undefined });
    await this.join();
  }

  /** (Re)joins the target room with the tracks held now: the same devices after a restart or a move. */
  private async join(): Promise<void> {
    const generation = ++this.generation;
    this.closePeer();
    // Each connection negotiates on its own chain: nothing left from the last one can hold it.
    this.chain = Promise.resolve();
    const call = useVoiceStore.getState().call;
    const slots = (Object.keys(this.tracks) as VoiceSlot[]).filter((slot) => this.tracks[slot]);
    let resolvePeer: (pc: RTCPeerConnection | null) => void = () => undefined;
    this.connected = new Promise((resolve) => (resolvePeer = resolve));
    const ack = await new Promise<VoiceJoinAck>((resolve) => {
      getSocket()
        .timeout(joinTimeoutMs)
        .emit(
          "voice.join",
          { channelId: this.target.channelId, slots, selfMute: call?.selfMute ?? false, selfDeaf: call?.selfDeaf ?? false },
          (err: Error | null, result: VoiceJoinAck) =>
            resolve(err ? { ok: false, error: { code: "INTERNAL", message: "The server did not answer. Try again." } } : result),
        );
    });
    if (generation !== this.generation || this.ended) return resolvePeer(null);
    if (!ack.ok) {
      resolvePeer(null);
      useVoiceStore.getState().patchCall({ status: "failed", error: describeJoinError(ack.error.code, ack.error.message) });
      return;
    }
    for (const state of ack.states) useVoiceStore.getState().put(state);
    if (ack.connection.kind === "livekit") {
      resolvePeer(null); // no offers on this path
      return this.joinLiveKit(ack.connection.url, ack.connection.token, generation);
    }
    const pc = new RTCPeerConnection({ iceServers: ack.connection.iceServers });
    let settle = () => undefined as void;
    this.closedSignals.set(pc, { promise: new Promise<void>((resolve) => (settle = resolve)), settle });
    this.pc = pc;
    pc.onicecandidate = (event) => {
      if (event.candidate && generation === this.generation) getSocket().emit("voice.candidate", { candidate: event.candidate.toJSON() as { candidate: string } });
    };
    // An offer that never came, or a connection that never got through: start over, as after a drop.
    const watchdog = setTimeout(() => {
      if (generation !== this.generation || pc.connectionState === "connected") return;
      console.warn(`Voice: no media ${connectTimeoutMs / 1000} s after joining (${pc.connectionState}).`);
      this.onEnded(this.target.channelId, "connection_lost");
    }, connectTimeoutMs);
    pc.onconnectionstatechange = () => {
      if (generation !== this.generation) return clearTimeout(watchdog);
      if (pc.connectionState === "connected") {
        clearTimeout(watchdog);
        this.droppedInARow = 0;
        useVoiceStore.getState().patchCall({ status: "connected" });
      }
      // The media path broke but the socket is fine: start over in the same room.
      if (pc.connectionState === "failed") this.rejoin("the media connection failed");
    };
    resolvePeer(pc);
    this.startStats(pc, generation);
  }

  private async joinLiveKit(url: string, token: string, generation: number): Promise<void> {
    const current = () => generation === this.generation && !this.ended;
    const { patchCall } = useVoiceStore.getState();
    try {
      const { LiveKitMedia } = await import("./livekit");
      if (!current()) return;
      const media = await LiveKitMedia.connect(url, token, () => this.tracks, this.micMuted(), {
        remote: (tracks) => current() && useMediaStore.getState().setRemote(tracks),
        quality: (byUser) => current() && useMediaStore.getState().setQuality(byUser),
        connected: () => {
          if (!current()) return;
          this.droppedInARow = 0;
          patchCall({ status: "connected" });
        },
        reconnecting: () => current() && patchCall({ status: "reconnecting" }),
        lost: (why) => current() && this.mediaLost(why),
      });
      if (!current()) return media.close();
      this.livekit = media;
    } catch (error) {
      if (current()) this.mediaLost(`the media server could not be reached (${String(error)})`);
    }
  }

  /** A connection I made myself failed: a few tries, a little apart, then the call stops with a reason. */
  private mediaLost(why: string): void {
    if (++this.droppedInARow <= maxDropsInARow) {
      const generation = this.generation;
      useVoiceStore.getState().patchCall({ status: "reconnecting" });
      setTimeout(() => {
        if (generation === this.generation && !this.ended) this.rejoin(why);
      }, 1000 * this.droppedInARow);
      return;
    }
    console.warn(`Voice: giving up: ${why}.`);
    this.generation++;
    this.closePeer();
    getSocket().emit("voice.leave");
    useVoiceStore.getState().patchCall({
      status: "failed",
      error: "Could not connect to this server's media service. Try again in a moment; if it keeps failing, tell the server's administrator.",
    });
  }

  private onOffer(offer: Offer): void {
    const connected = this.connected;
    this.chain = this.chain
      .then(async () => {
        const pc = await connected;
        if (!pc || pc !== this.pc) return;
        const answering = this.answer(pc, offer);
        answering.catch(() => undefined); // lost the race to a close: nobody waits for it any more
        await Promise.race([answering, this.closedSignals.get(pc)?.promise]);
      })
      .catch((error: unknown) => {
        // A broken negotiation leaves the call without media: start over rather than limp on.
        if (!this.ended) this.rejoin(`an offer could not be answered (${String(error)})`);
      });
  }

  private async answer(pc: RTCPeerConnection, offer: Offer): Promise<void> {
    await pc.setRemoteDescription({ type: "offer", sdp: offer.sdp });
    this.publishMids = offer.publishMids;
    this.owners = offer.midOwners;
    const transceivers = pc.getTransceivers();
    // Every publish m-line stays "sendonly", even empty (a camera turned off): an m-line
    // answered "inactive" would be dropped from the server's next offer.
    for (const t of transceivers) {
      if (t.mid !== null && Object.values(offer.publishMids).includes(t.mid)) t.direction = "sendonly";
    }
    const held = new Set((Object.keys(this.tracks) as VoiceSlot[]).filter((slot) => this.tracks[slot]));
    const sending = transceivers.map((t) => ({ mid: t.mid, sending: !!t.sender.track }));
    for (const { mid, slot } of attachmentsFor(offer.publishMids, sending, held)) {
      const track = this.tracks[slot];
      const transceiver = transceivers.find((t) => t.mid === mid);
      if (track && transceiver) await transceiver.sender.replaceTrack(track);
    }
    await pc.setLocalDescription(await pc.createAnswer());
    const sdp = pc.localDescription?.sdp;
    if (sdp) getSocket().emit("voice.answer", { sdp });
    const received = transceivers.map((t) => ({ mid: t.mid, track: t.receiver.track }));
    useMediaStore.getState().setRemote(tracksByPerson(offer.midOwners, received));
  }

  /** Sends `track` on a slot's m-line if the server opened one; false when it must be published first. */
  async replaceSlot(slot: VoiceSlot, track: MediaStreamTrack | null): Promise<boolean> {
    if (this.livekit) return this.livekit.replaceSlot(slot, track);
    const mid = this.publishMids[slot];
    const transceiver = mid === undefined ? undefined : this.pc?.getTransceivers().find((t) => t.mid === mid);
    if (!transceiver) return false;
    await transceiver.sender.replaceTrack(track);
    return true;
  }

  hasSlot(slot: VoiceSlot): boolean {
    return !!this.livekit || this.publishMids[slot] !== undefined;
  }

  /** A new microphone track: speaking detection follows it, and mute carries over. */
  useMic(track: MediaStreamTrack): void {
    const old = this.tracks.audio;
    useMediaStore.getState().setLocal("audio", track);
    if (old && old !== track) old.stop();
    this.applyMute();
    this.stopSpeaking?.();
    this.stopSpeaking = watchSpeaking(track, (speaking) => {
      getSocket().volatile.emit("voice.speaking", { speaking });
      useVoiceStore.getState().setSpeaking(this.target.channelId, this.target.myId, speaking);
    });
  }

  /** The mic sends only when neither I nor a moderator muted it. */
  applyMute(): void {
    const muted = this.micMuted();
    const mic = this.tracks.audio;
    if (mic) mic.enabled = !muted;
    this.livekit?.setMicMuted(muted);
  }

  private micMuted(): boolean {
    const call = useVoiceStore.getState().call;
    const mine = useVoiceStore.getState().rooms[this.target.channelId]?.[this.target.myId];
    return !!(call?.selfMute || call?.selfDeaf || mine?.serverMute);
  }

  private watchModeration(): void {
    let last = false;
    this.unsubscribe.push(
      useVoiceStore.subscribe((s) => {
        const muted = !!s.rooms[this.target.channelId]?.[this.target.myId]?.serverMute;
        if (muted !== last) {
          last = muted;
          this.applyMute();
        }
      }),
    );
  }

  private listenToSocket(): void {
    const socket = getSocket();
    // The server ends a call whose socket went away; show that, then join again once back.
    const onDisconnect = (reason: string) => {
      console.warn(`Voice: the socket disconnected (${reason}); joining again once it is back.`);
      this.generation++;
      this.closePeer();
      useVoiceStore.getState().patchCall({ status: "reconnecting" });
    };
    const onReady = () => {
      if (useVoiceStore.getState().call?.status === "reconnecting") void this.join();
    };
    socket.on("disconnect", onDisconnect);
    socket.on("ready", onReady);
    this.unsubscribe.push(() => {
      socket.off("disconnect", onDisconnect);
      socket.off("ready", onReady);
    });
  }

  /** Joins the same room again; why goes to the console, for whoever debugs a call. */
  private rejoin(why: string): void {
    console.warn(`Voice: joining the room again: ${why}.`);
    useVoiceStore.getState().patchCall({ status: "reconnecting" });
    void this.join();
  }

  private onEnded(channelId: string, reason: VoiceEndReason): void {
    if (channelId !== this.target.channelId) return;
    if (reason === "media_restart") return this.rejoin("the media server restarted");
    // A dropped connection is retried, but not for ever: a network that never carries media ends the call.
    if (reason === "connection_lost" && ++this.droppedInARow <= maxDropsInARow) return this.rejoin("the connection was lost");
    const message = endMessages[reason];
    this.finish();
    if (message) useToasts.getState().show(message);
  }

  private onMoved(toChannelId: string): void {
    this.target = { ...this.target, channelId: toChannelId };
    useVoiceStore.getState().patchCall({ channelId: toChannelId });
    this.rejoin("moved to another room");
  }

  private startStats(pc: RTCPeerConnection, generation: number): void {
    clearInterval(this.statsTimer);
    this.counters = {};
    this.statsTimer = setInterval(() => {
      if (generation !== this.generation) return;
      void pc.getStats().then((report) => {
        const entries = Array.from(report.values() as Iterable<StatEntry>);
        const { byUser, counters } = summarize(entries, this.owners, this.counters);
        this.counters = counters;
        useMediaStore.getState().setQuality(byUser);
      });
    }, statsIntervalMs);
  }

  private closePeer(): void {
    clearInterval(this.statsTimer);
    if (this.pc) {
      this.pc.close();
      this.closedSignals.get(this.pc)?.settle();
    }
    this.pc = null;
    this.livekit?.close();
    this.livekit = null;
    this.publishMids = {};
    this.owners = {};
    useMediaStore.getState().setRemote({});
  }

  private stopTracks(): void {
    for (const track of Object.values(this.tracks)) track.stop();
  }

  /** Leaves for good: the server is told unless it ended the call itself. */
  leave(): void {
    if (!this.ended) getSocket().emit("voice.leave");
    this.finish();
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.generation++;
    this.stopSpeaking?.();
    this.closePeer();
    this.stopTracks();
    for (const off of this.unsubscribe) off();
    registerCall(null);
    useMediaStore.getState().reset();
    const { call, left, setCall } = useVoiceStore.getState();
    if (call) left(call.channelId, this.target.myId);
    setCall(null);
    this.onFinish();
  }
}
