/**
 * The socket flood guard: a socket that sends more than LIMIT_SOCKET_EVENTS events
 * (default 120 in 60 s, Discord's gateway limit) is disconnected, whatever the events
 * were. One `socket.use` middleware per socket, counting in a sliding window in memory
 * (a socket lives on one node). A refused event is not handled. With Redis the person's
 * events across all their sockets and nodes count too (flood-counter.ts): over the same
 * limit, the person's sockets that keep sending are cut as well.
 *
 * `voice.speaking` is the one exception: a volatile signal a voice activity detector
 * sends on every change, so a talkative person sends many. It does not count towards
 * the limit; beyond 5 a second it is dropped quietly instead.
 */
import type { Logger } from "pino";
import { MemoryLimitStore, type Rule } from "../limits";
import type { FloodCounter } from "./flood-counter";
import type { ClientSocket } from "./socket-feature";

type Packet = [event: string, ...args: unknown[]];

/** Volatile events dropped above their own rate instead of counted. */
const quiet: Record<string, Rule> = { "voice.speaking": { limit: 5, windowMs: 1000 } };

export function floodGuard(socket: ClientSocket, rule: Rule, log: Logger, person?: FloodCounter) {
  // The limiter's own sliding-window logs, this socket's alone: no other node counts them.
  const counts = new MemoryLimitStore();
  const fits = (event: string, slotRule: Rule, now: number) =>
    counts.takeNow([{ bucket: "socket.events", key: event, ...slotRule }], 1, "", now).allowed;
  let cut = false;
  const cutOff = (event: string, scope: "socket" | "person") => {
    if (cut) return;
    cut = true;
    log.warn({ userId: socket.data.userId, limit: rule.limit, windowMs: rule.windowMs, event, scope }, "socket flood: disconnected");
    socket.disconnect(true);
  };
  const personOver = () => cutOff("", "person");
  return (packet: Packet, next: (err?: Error) => void) => {
    if (cut) return;
    const [event] = packet;
    const now = Date.now();
    const quietRule = quiet[event];
    if (quietRule) {
      if (fits(event, quietRule, now)) next();
      return;
    }
    if (!fits("", rule, now)) return cutOff(event, "socket");
    if (person && !person.count(socket.data.userId, personOver)) return cutOff(event, "person");
    next();
  };
}
