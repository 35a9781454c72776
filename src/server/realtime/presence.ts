/**
 * Who is online, per person: their chosen status (for all their devices) and, per
 * connected socket, whether that device is idle. Shown status: offline with no socket or
 * when invisible; otherwise the choice, where "online" becomes "idle" once every device
 * is idle. Pure and in memory (one process); the gateway feeds it and publishes changes.
 */
import type { Presence, PresenceStatus } from "@/shared/api";

type Shown = Presence["status"];

interface Person {
  chosen: PresenceStatus;
  sockets: Map<string, { idle: boolean }>;
}

export class PresenceStore {
  private readonly people = new Map<string, Person>();

  statusOf(userId: string): Shown {
    const p = this.people.get(userId);
    if (!p || p.sockets.size === 0 || p.chosen === "invisible") return "offline";
    if (p.chosen !== "online") return p.chosen;
    return [...p.sockets.values()].every((s) => s.idle) ? "idle" : "online";
  }

  /** Each method returns the new shown status when it changed, else null. */
  connect(userId: string, socketId: string): Shown | null {
    return this.change(userId, (p) => p.sockets.set(socketId, { idle: false }));
  }

  disconnect(userId: string, socketId: string): Shown | null {
    const changed = this.change(userId, (p) => p.sockets.delete(socketId));
    const p = this.people.get(userId);
    if (p && p.sockets.size === 0 && p.chosen === "online") this.people.delete(userId);
    return changed;
  }

  choose(userId: string, status: PresenceStatus): Shown | null {
    return this.change(userId, (p) => (p.chosen = status));
  }

  setIdle(userId: string, socketId: string, idle: boolean): Shown | null {
    return this.change(userId, (p) => {
      const s = p.sockets.get(socketId);
      if (s) s.idle = idle;
    });
  }

  private change(userId: string, apply: (p: Person) => void): Shown | null {
    const before = this.statusOf(userId);
    let p = this.people.get(userId);
    if (!p) {
      p = { chosen: "online", sockets: new Map() };
      this.people.set(userId, p);
    }
    apply(p);
    const after = this.statusOf(userId);
    return after === before ? null : after;
  }
}
