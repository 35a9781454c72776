/**
 * A werift client peer for the SFU tests: answers the server's offers the way the browser
 * does (fills the publish slots it holds tracks for), publishes synthetic RTP, and counts
 * the packets it receives per publisher and slot.
 */
import { MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket, type RTCRtpTransceiver } from "./werift";
import type { VoiceSlot } from "@/shared/voice";
import type { MediaBackend, MediaSignal } from "../types";
import { slotKind } from "./peer";

type OfferSignal = Extract<MediaSignal, { type: "offer" }>;

export class TestClient {
  readonly pc: RTCPeerConnection;
  /** Packets received, by `${userId}:${slot}`. */
  readonly received = new Map<string, number>();
  offers = 0;
  private owners: OfferSignal["midOwners"] = {};
  private readonly tracks = new Map<VoiceSlot, MediaStreamTrack>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly watched = new WeakSet<RTCRtpTransceiver>();
  private queue: Promise<void> = Promise.resolve();
  lastError: unknown;

  constructor(
    private readonly backend: MediaBackend,
    readonly roomId: string,
    readonly userId: string,
    /** TURN servers, and `relay` to reach the SFU through them only (the relay test). */
    ice: { iceServers?: Array<{ urls: string | string[]; username?: string; credential?: string }>; iceTransportPolicy?: "all" | "relay" } = {},
  ) {
    this.pc = new RTCPeerConnection({
      iceInterfaceAddresses: { udp4: "127.0.0.1" },
      iceAdditionalHostAddresses: ["127.0.0.1"],
      iceUseIpv6: false,
      ...ice,
    });
    // werift fires a transceiver's onTrack inside setRemoteDescription: watch from creation.
    this.pc.onTransceiverAdded.subscribe((transceiver) => this.watch(transceiver));
  }

  /** Starts writing packets into a slot's track (~50 per second). */
  produce(slot: VoiceSlot): void {
    const kind = slotKind(slot);
    const track = new MediaStreamTrack({ kind });
    this.tracks.set(slot, track);
    const ssrc = Math.floor(Math.random() * 2 ** 31);
    let sequenceNumber = Math.floor(Math.random() * 60_000);
    let timestamp = Math.floor(Math.random() * 2 ** 30);
    this.timers.push(
      setInterval(() => {
        sequenceNumber = (sequenceNumber + 1) % 65_536;
        timestamp = (timestamp + (kind === "audio" ? 960 : 3000)) % 2 ** 32;
        const header = new RtpHeader({ payloadType: kind === "audio" ? 111 : 96, sequenceNumber, timestamp, ssrc, marker: true });
        track.writeRtp(new RtpPacket(header, Buffer.alloc(kind === "audio" ? 60 : 300, 7)));
      }, 20),
    );
  }

  /** Packets received from one publisher's slot. */
  from(userId: string, slot: VoiceSlot): number {
    return this.received.get(`${userId}:${slot}`) ?? 0;
  }

  /** Feed the backend's signals to this client (serially, like a browser). */
  onSignal(signal: MediaSignal): void {
    if (signal.type !== "offer" || signal.roomId !== this.roomId || signal.userId !== this.userId) return;
    this.queue = this.queue.then(() => this.answer(signal)).catch((error: unknown) => {
      this.lastError = error;
    });
  }

  private async answer(offer: OfferSignal): Promise<void> {
    this.offers++;
    this.owners = offer.midOwners;
    await this.pc.setRemoteDescription({ type: "offer", sdp: offer.sdp });
    for (const transceiver of this.pc.getTransceivers()) {
      const slot = (Object.keys(offer.publishMids) as VoiceSlot[]).find((s) => offer.publishMids[s] === transceiver.mid);
      const track = slot ? this.tracks.get(slot) : undefined;
      if (track && transceiver.sender.track !== track) {
        await transceiver.sender.replaceTrack(track);
        transceiver.setDirection("sendonly");
      }
    }
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    const sdp = this.pc.localDescription?.sdp;
    if (sdp) await this.backend.answer({ roomId: this.roomId, userId: this.userId }, sdp);
  }

  private watch(transceiver: RTCRtpTransceiver): void {
    if (this.watched.has(transceiver)) return;
    this.watched.add(transceiver);
    transceiver.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe(() => {
        const owner = transceiver.mid ? this.owners[transceiver.mid] : undefined;
        if (!owner) return;
        const key = `${owner.userId}:${owner.slot}`;
        this.received.set(key, (this.received.get(key) ?? 0) + 1);
      });
    });
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await this.pc.close().catch(() => undefined);
  }
}
