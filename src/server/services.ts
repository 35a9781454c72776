import type { Logger } from "pino";
import type { Auth } from "./auth";
import type { SessionResolver } from "./auth/session";
import type { Config } from "./config";
import type { Db } from "./db/client";
import type { EventSink } from "./domain/context";
import type { SendLimiter } from "./domain/messages/send-limits";
import type { PresenceStore } from "./realtime/presence";

/** What handlers and the socket gateway are given; built once in main.ts. */
export interface Services {
  config: Config;
  db: Db;
  auth: Auth;
  /** The hot-path session lookup (HTTP and sockets). */
  sessions: SessionResolver;
  events: EventSink;
  sendLimiter: SendLimiter;
  presence: PresenceStore;
  log: Logger;
}
