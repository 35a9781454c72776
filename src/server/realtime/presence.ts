/**
 * Who is online, per person: their chosen status (for all their devices) and, per
 * connected socket, whether that device is idle. Shown status: offline with no socket or
 * when invisible; otherwise the choice, where "online" becomes "idle" once every device
 * is idle. The gateway feeds it and publishes changes.
 *
 * Two drivers behind one interface: this process's memory (one node, the default), and
 * Redis (presence-redis.ts) when REDIS_URL is set, where every node sees every socket
 * and each change is computed atomically, so two nodes changing one person agree on
 * who announces it.
 */
import type { Presence, PresenceStatus } from "@/shared/api";

export type Shown = Presence["status"];

/** A person whose shown status changed, and to what. */
export interface PresenceChange {
  userId: string;
  status: Shown;
}

export interface PresenceStore {
  /** Each change resolves to the new shown status when it changed, else null. */
  connect(userId: string, socketId: string): Promise<Shown | null>;
  disconnect(userId: string, socketId: string): Promise<Shown | null>;
  choose(userId: string, status: PresenceStatus): Promise<Shown | null>;
  setIdle(userId: string, socketId: string, idle: boolean): Promise<Shown | null>;
  statusOf(userId: string): Promise<Shown>;
  /** Many people in one round trip (a member list). */
  statusOfMany(userIds: readonly string[]): Promise<Map<string, Shown>>;
  /** Removes every socket a node held (dead, or this one shutting down): the people whose status changed. */
  dropNode(nodeId: string): Promise<PresenceChange[]>;
}

interface Person {
  chosen: PresenceStatus;
  sockets: Map<string, { idle: boolean }>;
}

/** Pure and in memory: one process, so every change is atomic as it is. */
export class MemoryPresenceStore implements PresenceStore {
  private readonly people = new Map<string, Person>();

  async statusOf(userId: string): Promise<Shown> {
    return this.shown(userId);
  }

  async statusOfMany(userIds: readonly string[]): Promise<Map<string, Shown>> {
    return new Map(userIds.map((id) => [id, this.shown(id)]));
  }

  async connect(userId: string, socketId: string): Promise<Shown | null> {
    return this.change(userId, (p) => p.sockets.set(socketId, { idle: false }));
  }

  async disconnect(userId: string, socketId: string): Promise<Shown | null> {
    const changed = this.change(userId, (p) => p.sockets.delete(socketId));
    const p = this.people.get(userId);
    if (p && p.sockets.size === 0 && p.chosen === "online") this.people.delete(userId);
    return changed;
  }

  async choose(userId: string, status: PresenceStatus): Promise<Shown | null> {
    return this.change(userId, (p) => (p.chosen = status));
  }

  async setIdle(userId: string, socketId: string, idle: boolean): Promise<Shown | null> {
    return this.change(userId, (p) => {
      const s = p.sockets.get(socketId);
      if (s) s.idle = idle;
    });
  }

  /** One process is one node: its sockets go with it. */
  async dropNode(): Promise<PresenceChange[]> {
    return [];
  }

  private shown(userId: string): Shown {
    const p = this.people.get(userId);
    if (!p || p.sockets.size === 0 || p.chosen === "invisible") return "offline";
    if (p.chosen !== "online") return p.chosen;
    return [...p.sockets.values()].every((s) => s.idle) ? "idle" : "online";
  }

  private change(userId: string, apply: (p: Person) => void): Shown | null {
    const before = this.shown(userId);
    let p = this.people.get(userId);
    if (!p) {
      p = { chosen: "online", sockets: new Map() };
      this.people.set(userId, p);
    }
    apply(p);
    const after = this.shown(userId);
    return after === before ? null : after;
  }
}
