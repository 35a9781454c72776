/**
 * Voice state in this process's memory: enough for one node. With REDIS_URL the Redis
 * driver (voice-state-redis.ts) takes its place behind the same interface, since a
 * person's place must be seen by every node.
 */
import type { VoiceState } from "@/shared/voice";
import type { VoiceStateStore } from "./types";

type Held = VoiceState & { socketId: string };

export class MemoryVoiceStateStore implements VoiceStateStore {
  private readonly byUser = new Map<string, Held>();
  /** channel id -> user ids, so a room's or a channel list's occupants need no full scan. */
  private readonly byChannel = new Map<string, Set<string>>();

  async get(userId: string): Promise<Held | null> {
    const held = this.byUser.get(userId);
    return held ? { ...held } : null;
  }

  async inRoom(channelId: string): Promise<VoiceState[]> {
    return this.inChannels([channelId]);
  }

  async inChannels(channelIds: string[]): Promise<VoiceState[]> {
    const result: VoiceState[] = [];
    for (const channelId of channelIds) {
      for (const userId of this.byChannel.get(channelId) ?? []) {
        const held = this.byUser.get(userId);
        if (held) result.push(publicState(held));
      }
    }
    return result;
  }

  async set(state: Held): Promise<void> {
    this.unindex(state.userId);
    this.byUser.set(state.userId, { ...state });
    let occupants = this.byChannel.get(state.channelId);
    if (!occupants) this.byChannel.set(state.channelId, (occupants = new Set()));
    occupants.add(state.userId);
  }

  async remove(userId: string, socketId?: string): Promise<void> {
    if (socketId !== undefined && this.byUser.get(userId)?.socketId !== socketId) return;
    this.unindex(userId);
    this.byUser.delete(userId);
  }

  async all(): Promise<Held[]> {
    return [...this.byUser.values()].map((s) => ({ ...s }));
  }

  /** One process: every place is this one's. */
  mine(): Promise<Held[]> {
    return this.all();
  }

  async ofNode(): Promise<Held[]> {
    return [];
  }

  private unindex(userId: string) {
    const old = this.byUser.get(userId);
    if (!old) return;
    const occupants = this.byChannel.get(old.channelId);
    occupants?.delete(userId);
    if (occupants?.size === 0) this.byChannel.delete(old.channelId);
  }
}

/** The state without the socket id: the socket is ours, not something to show others. */
export function publicState(held: Held): VoiceState {
  const { socketId: _socketId, ...state } = held;
  return state;
}
