/**
 * The socket flood guard: a socket that sends more than LIMIT_SOCKET_EVENTS events
 * (default 120 in 60 s, Discord's gateway limit) is disconnected, whatever the events
 * were. One `socket.use` middleware per socket, counting in a sliding window in memory
 * (a socket lives on one node). A refused event is not handled.
 *
 * `voice.speaking` is the one exception: a volatile signal a voice activity detector
 * sends on every change, so a talkative person sends many. It does not count towards
 * the limit; beyond 5 a second it is dropped quietly instead.
 */
import type { Logger } from "pino";
import type { Rule } from "../limits";
import type { ClientSocket } from "./socket-feature";

type Packet = [event: string, ...args: unknown[]];

/** Volatile events dropped above their own rate instead of counted. */
const quiet: Record<string, Rule> = { "voice.speaking": { limit: 5, windowMs: 1000 } };

/** A sliding-window counter: `hit` records one event and says whether it fits the rule. */
class Window {
  private readonly times: number[] = [];
  private head = 0;

  constructor(private readonly rule: Rule) {}

  hit(now: number): boolean {
    const { times } = this;
    while (this.head < times.length && now - times[this.head]! >= this.rule.windowMs) this.head++;
    if (this.head > 64 && this.head * 2 > times.length) {
      times.splice(0, this.head);
      this.head = 0;
    }
    if (times.length - this.head >= this.rule.limit) return false;
    times.push(now);
    return true;
  }
}

export function floodGuard(socket: ClientSocket, rule: Rule, log: Logger) {
  const events = new Window(rule);
  const quietWindows = new Map<string, Window>();
  let cut = false;
  return (packet: Packet, next: (err?: Error) => void) => {
    if (cut) return;
    const [event] = packet;
    const now = Date.now();
    const quietRule = quiet[event];
    if (quietRule) {
      let window = quietWindows.get(event);
      if (!window) quietWindows.set(event, (window = new Window(quietRule)));
      if (window.hit(now)) next();
      return;
    }
    if (events.hit(now)) return next();
    cut = true;
    log.warn({ userId: socket.data.userId, limit: rule.limit, windowMs: rule.windowMs, event }, "socket flood: disconnected");
    socket.disconnect(true);
  };
}
