/**
 * One person's WebRTC connection to the SFU. Publish slots are recvonly transceivers the
 * browser fills; every other peer's published track reaches this peer on its own sendonly
 * transceiver. The werift pitfalls of the prototype's README are handled here: a local
 * track and cloned packets per subscriber, PLIs rerouted by media SSRC, only declared
 * slots opened, the server always offering with one negotiation in flight.
 */
import {
  MediaStream,
  MediaStreamTrack,
  PictureLossIndication,
  RTCPeerConnection,
  RtcpPayloadSpecificFeedback,
  type RTCRtpTransceiver,
  type RtpPacket,
} from "./werift";
import type { VoiceSlot } from "@/shared/voice";
import type { Forwarding, SfuMessage, SfuSettings } from "./protocol";
import { SfuError } from "./errors";

type Kind = "audio" | "video";
export const slotKind = (slot: VoiceSlot): Kind => (slot === "audio" || slot === "screenAudio" ? "audio" : "video");

interface PublishSlot {
  transceiver: RTCRtpTransceiver;
  kind: Kind;
  track?: MediaStreamTrack;
  /** Set by the first packet: the slot is live and can be forwarded. */
  ssrc?: number;
  /** Cleared by `unpublish`: the slot stays open (m-lines never shift) but is not forwarded. */
  published: boolean;
}

interface Subscription {
  publisher: Peer;
  slot: VoiceSlot;
  transceiver: RTCRtpTransceiver;
  stop: () => void;
}

export interface PeerHooks {
  send(message: SfuMessage): void;
  /** A slot's first packet arrived: the others can subscribe. */
  live(peer: Peer, slot: VoiceSlot): void;
  /** The connection failed or closed on its own. */
  lost(peer: Peer, why: string): void;
}

export function iceOptions(settings: SfuSettings): ConstructorParameters<typeof RTCPeerConnection>[0] {
  const announced = settings.announcedIp ?? (settings.listenIp === "0.0.0.0" ? undefined : settings.listenIp);
  const range: [number, number] | undefined =
    settings.portMin !== undefined && settings.portMax !== undefined && settings.portMin < settings.portMax ? [settings.portMin, settings.portMax] : undefined;
  return {
    // Binding to 0.0.0.0 listens everywhere; werift then offers every host address.
    iceInterfaceAddresses: settings.listenIp === "0.0.0.0" ? undefined : { udp4: settings.listenIp },
    iceAdditionalHostAddresses: announced ? [announced] : undefined,
    iceUseIpv6: false,
    icePortRange: range,
  };
}

export class Peer {
  readonly pc: RTCPeerConnection;
  private readonly slots = new Map<VoiceSlot, PublishSlot>();
  private readonly subs = new Map<string, Subscription>();
  private negotiating = false;
  private pending = false;
  closed = false;
  packetsReceived = 0;
  bytesReceived = 0;
  packetsForwarded = 0;
  bytesForwarded = 0;

  constructor(
    readonly roomId: string,
    readonly userId: string,
    public forwarding: Forwarding,
    settings: SfuSettings,
    private readonly hooks: PeerHooks,
  ) {
    this.pc = new RTCPeerConnection(iceOptions(settings));
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === "connected") this.requestKeyframesForSubscriptions();
      if ((state === "failed" || state === "closed") && !this.closed) {
        const dtls = this.pc.dtlsTransports.map((t) => t.state).join("/");
        this.hooks.lost(this, `connection ${state}, ICE ${this.pc.iceConnectionState}, DTLS ${dtls || "none"}`);
      }
    });
  }

  /** Opens a recvonly transceiver for a slot; false if it was already open. */
  openSlot(slot: VoiceSlot): boolean {
    if (this.slots.has(slot)) return false;
    const kind = slotKind(slot);
    const transceiver = this.pc.addTransceiver(kind, { direction: "recvonly" });
    const state: PublishSlot = { transceiver, kind, published: true };
    this.slots.set(slot, state);
    // werift routes a PLI by its sender SSRC first, and browsers put their own outbound
    // SSRC there: a subscriber's keyframe request lands on this receiver. Reroute it by
    // the media SSRC to the publisher whose forwarded track it names.
    transceiver.receiver.onRtcp.subscribe((packet) => {
      if (!(packet instanceof RtcpPayloadSpecificFeedback) || !(packet.feedback instanceof PictureLossIndication)) return;
      const mediaSsrc = packet.feedback.mediaSsrc;
      for (const sub of this.subs.values()) if (sub.transceiver.sender.ssrc === mediaSsrc) sub.publisher.requestKeyframe(sub.slot);
    });
    transceiver.onTrack.subscribe((track) => {
      state.track = track;
      track.onReceiveRtp.subscribe((rtp) => {
        this.packetsReceived++;
        this.bytesReceived += rtp.payload.length;
        if (state.ssrc === undefined) {
          state.ssrc = rtp.header.ssrc;
          this.hooks.live(this, slot);
        }
      });
    });
    return true;
  }

  /** Marks an open slot as forwarded again; true if it is live (the others may subscribe). */
  republish(slot: VoiceSlot): boolean {
    const state = this.slots.get(slot);
    if (!state) return false;
    state.published = true;
    return state.ssrc !== undefined;
  }

  unpublish(slot: VoiceSlot): void {
    const state = this.slots.get(slot);
    if (state) state.published = false;
  }

  /** The slots the others should receive now. */
  liveSlots(): VoiceSlot[] {
    return [...this.slots].filter(([, s]) => s.published && s.track && s.ssrc !== undefined).map(([slot]) => slot);
  }

  /** Whether this peer's packets on a slot go to the others (server mute, lost Video...). */
  private sends(slot: VoiceSlot): boolean {
    const state = this.slots.get(slot);
    if (!state?.published) return false;
    return state.kind === "audio" ? this.forwarding.audio : this.forwarding.video;
  }

  setForwarding(forwarding: Forwarding): void {
    const videoBack = forwarding.video && !this.forwarding.video;
    this.forwarding = forwarding;
    // A subscriber cannot decode resumed video without a fresh keyframe.
    if (videoBack) this.requestKeyframe();
  }

  subscribe(publisher: Peer, slot: VoiceSlot): void {
    const key = `${publisher.userId}:${slot}`;
    const source = publisher.slots.get(slot)?.track;
    if (!source || this.subs.has(key) || this.closed) return;
    const kind = slotKind(slot);
    // werift rewrites a packet's header in place when it sends it: every subscriber gets
    // its own local track and its own copy of each packet.
    const out = new MediaStreamTrack({ kind });
    const { unSubscribe } = source.onReceiveRtp.subscribe((rtp: RtpPacket) => {
      if (!publisher.sends(slot) || (kind === "audio" && this.forwarding.deaf)) return;
      out.writeRtp(rtp.clone());
      this.packetsForwarded++;
      this.bytesForwarded += rtp.payload.length;
    });
    const stream = new MediaStream({ id: `${publisher.userId}-${slot === "screen" || slot === "screenAudio" ? "screen" : "camera"}` });
    const transceiver = this.pc.addTransceiver(out, { direction: "sendonly", streams: [stream] });
    transceiver.sender.onPictureLossIndication.subscribe(() => publisher.requestKeyframe(slot));
    this.subs.set(key, { publisher, slot, transceiver, stop: unSubscribe });
    this.negotiate();
  }

  /** Stops receiving a publisher (one slot, or all of them when it leaves). */
  unsubscribe(publisherId: string, slot?: VoiceSlot): void {
    let changed = false;
    for (const [key, sub] of this.subs) {
      if (sub.publisher.userId !== publisherId || (slot && sub.slot !== slot)) continue;
      sub.stop();
      this.pc.removeTrack(sub.transceiver.sender);
      this.subs.delete(key);
      changed = true;
    }
    if (changed) this.negotiate();
  }

  /** Asks the publisher for a keyframe on one video slot, or on all of them. */
  requestKeyframe(slot?: VoiceSlot): void {
    for (const [name, state] of this.slots) {
      if (state.kind !== "video" || state.ssrc === undefined || (slot && name !== slot)) continue;
      state.transceiver.receiver.sendRtcpPLI(state.ssrc).catch(() => undefined);
    }
  }

  private requestKeyframesForSubscriptions(): void {
    for (const sub of this.subs.values()) sub.publisher.requestKeyframe(sub.slot);
  }

  /** Starts an offer, or queues one behind the negotiation in flight. */
  negotiate(): void {
    if (this.closed) return;
    if (this.negotiating) {
      this.pending = true;
      return;
    }
    this.negotiating = true;
    this.pending = false;
    this.offer().catch(() => {
      // The connection closed under us; nothing is waiting for this offer.
      this.negotiating = false;
    });
  }

  private async offer(): Promise<void> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    const sdp = this.pc.localDescription?.sdp;
    if (this.closed || !sdp) return;
    const publishMids: Partial<Record<VoiceSlot, string>> = {};
    for (const [slot, state] of this.slots) if (state.transceiver.mid) publishMids[slot] = state.transceiver.mid;
    const midOwners: Record<string, { userId: string; slot: VoiceSlot }> = {};
    for (const sub of this.subs.values()) if (sub.transceiver.mid) midOwners[sub.transceiver.mid] = { userId: sub.publisher.userId, slot: sub.slot };
    this.hooks.send({ type: "offer", roomId: this.roomId, userId: this.userId, sdp, publishMids, midOwners });
  }

  async answer(sdp: string): Promise<void> {
    if (!this.negotiating) throw new SfuError("BAD_REQUEST", "no offer is waiting for an answer");
    const offered = this.pc.localDescription?.sdp ?? "";
    // werift half-applies some broken descriptions: refuse what cannot be our answer first.
    if (!sdp.startsWith("v=0") || sections(sdp) !== sections(offered)) throw new SfuError("BAD_REQUEST", "the answer does not match the offer");
    try {
      await this.pc.setRemoteDescription({ type: "answer", sdp });
    } catch {
      throw new SfuError("BAD_REQUEST", "the answer could not be applied");
    }
    this.negotiating = false;
    if (this.pending) this.negotiate();
    this.requestKeyframesForSubscriptions();
  }

  async candidate(candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null }): Promise<void> {
    // An empty candidate is the end-of-candidates marker; anything else must be one.
    if (candidate.candidate !== "" && !/^(a=)?candidate:\S+ \d+ (udp|tcp) \d+ \S+ \d+ typ \w+/i.test(candidate.candidate)) {
      throw new SfuError("BAD_REQUEST", "malformed ICE candidate");
    }
    if (candidate.candidate === "") return;
    try {
      await this.pc.addIceCandidate({ candidate: candidate.candidate, sdpMid: candidate.sdpMid ?? undefined, sdpMLineIndex: candidate.sdpMLineIndex ?? undefined });
    } catch {
      throw new SfuError("BAD_REQUEST", "the ICE candidate could not be added");
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const sub of this.subs.values()) sub.stop();
    this.subs.clear();
    this.pc.close().catch(() => undefined);
  }
}

const sections = (sdp: string): number => sdp.split(/\r?\nm=/).length - 1;
