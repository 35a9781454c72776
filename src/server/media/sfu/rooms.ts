/**
 * The rooms of the SFU process: peers keyed by room and user, and what each command does
 * to them. Pure of IPC, so the process entry only parses, dispatches and replies.
 */
import type { VoiceSlot } from "@/shared/voice";
import { SfuError } from "./errors";
import { Peer, type PeerHooks } from "./peer";
import type { SfuCommand, SfuMessage, SfuSettings, SfuStats } from "./protocol";

export interface Outcome {
  result?: unknown;
  /** Runs after the reply is sent, so the app hears "joined" before the offer. */
  after?: () => void;
}

export class Rooms {
  private readonly rooms = new Map<string, Map<string, Peer>>();
  private readonly hooks: PeerHooks;

  constructor(
    private readonly settings: SfuSettings,
    send: (message: SfuMessage) => void,
  ) {
    this.hooks = {
      send,
      live: (peer, slot) => this.spread(peer, slot),
      lost: (peer, why) => {
        if (this.rooms.get(peer.roomId)?.get(peer.userId) !== peer) return;
        this.remove(peer);
        send({ type: "peer-closed", roomId: peer.roomId, userId: peer.userId, why });
      },
    };
  }

  async handle(command: SfuCommand): Promise<Outcome> {
    switch (command.type) {
      case "join":
        return this.join(command.roomId, command.userId, command.slots, command);
      case "leave": {
        const peer = this.rooms.get(command.roomId)?.get(command.userId);
        if (peer) this.remove(peer);
        return {};
      }
      case "answer":
        await this.peer(command).answer(command.sdp);
        return {};
      case "candidate":
        await this.peer(command).candidate(command.candidate);
        return {};
      case "publish":
        return this.publish(this.peer(command), command.slot);
      case "unpublish": {
        const peer = this.peer(command);
        peer.unpublish(command.slot);
        for (const other of this.others(peer)) other.unsubscribe(peer.userId, command.slot);
        return {};
      }
      case "forwarding":
        this.peer(command).setForwarding(command.forwarding);
        return {};
      case "participants":
        return { result: [...(this.rooms.get(command.roomId)?.keys() ?? [])] };
      case "stats":
        return { result: this.stats() };
    }
  }

  closeAll(): void {
    for (const room of this.rooms.values()) for (const peer of room.values()) peer.close();
    this.rooms.clear();
  }

  private join(roomId: string, userId: string, slots: VoiceSlot[], command: Extract<SfuCommand, { type: "join" }>): Outcome {
    const existing = this.rooms.get(roomId)?.get(userId);
    // Joining again (a new device, a reload) replaces the old connection.
    if (existing) this.remove(existing);
    const peer = new Peer(roomId, userId, { ...command.forwarding }, this.settings, this.hooks);
    for (const slot of new Set(slots)) peer.openSlot(slot);
    let room = this.rooms.get(roomId);
    if (!room) this.rooms.set(roomId, (room = new Map()));
    room.set(userId, peer);
    return {
      after: () => {
        // subscribe() negotiates; with nobody to receive, the first offer is made here.
        let subscribed = false;
        for (const other of this.others(peer)) {
          for (const slot of other.liveSlots()) {
            peer.subscribe(other, slot);
            subscribed = true;
          }
        }
        if (!subscribed) peer.negotiate();
      },
    };
  }

  private publish(peer: Peer, slot: VoiceSlot): Outcome {
    if (peer.openSlot(slot)) return { after: () => peer.negotiate() };
    if (peer.republish(slot)) this.spread(peer, slot);
    return {};
  }

  /** A live, published slot reaches everyone else in the room. */
  private spread(peer: Peer, slot: VoiceSlot): void {
    if (!peer.liveSlots().includes(slot)) return;
    for (const other of this.others(peer)) other.subscribe(peer, slot);
    peer.requestKeyframe(slot);
  }

  private remove(peer: Peer): void {
    peer.close();
    const room = this.rooms.get(peer.roomId);
    if (room?.get(peer.userId) === peer) room.delete(peer.userId);
    if (room?.size === 0) this.rooms.delete(peer.roomId);
    for (const other of room?.values() ?? []) other.unsubscribe(peer.userId);
  }

  private peer(ref: { roomId: string; userId: string }): Peer {
    const peer = this.rooms.get(ref.roomId)?.get(ref.userId);
    if (!peer) throw new SfuError("NOT_FOUND", "no such peer");
    return peer;
  }

  private others(peer: Peer): Peer[] {
    return [...(this.rooms.get(peer.roomId)?.values() ?? [])].filter((p) => p !== peer);
  }

  private stats(): SfuStats {
    const cpu = process.cpuUsage();
    const peers: SfuStats["peers"] = [];
    for (const room of this.rooms.values()) {
      for (const p of room.values()) {
        peers.push({
          roomId: p.roomId,
          userId: p.userId,
          packetsReceived: p.packetsReceived,
          bytesReceived: p.bytesReceived,
          packetsForwarded: p.packetsForwarded,
          bytesForwarded: p.bytesForwarded,
        });
      }
    }
    return { cpu: { user: cpu.user, system: cpu.system }, rssBytes: process.memoryUsage.rss(), peers };
  }
}
