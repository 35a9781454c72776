import type { Logger } from "pino";
import type { AttemptLimiter } from "./auth/attempt-limits";
import type { SocialProvider } from "./auth/providers";
import type { SessionEndReason } from "./domain/users/sessions";
import type { Mailer } from "./mail";
import type { FileStore } from "./storage";
import type { MediaBackend, VoiceStateStore } from "./media/types";
import type { Auth } from "./auth";
import type { SessionResolver } from "./auth/session";
import type { Config } from "./config";
import type { CacheInvalidation } from "./cluster/invalidation";
import type { Db } from "./db/client";
import type { RingingStore } from "./domain/calls/ringing";
import type { EventBus } from "./domain/event-bus";
import type { Limiter } from "./limits";
import type { PresenceStore } from "./realtime/presence";
import type { ClusterNode } from "./cluster/node";
import type { TypingGate } from "./realtime/typing-gate";
import type { FloodCounter } from "./realtime/flood-counter";
import type { FocusStore } from "./realtime/focus";
import type { Notifier } from "./notify/types";
import type { Leadership } from "./cluster/leader";
import type { Metrics } from "./ops/metrics";
import type { Readiness } from "./ops/readiness";

/** What handlers and the socket gateway are given; built once in main.ts. */
export interface Services {
  config: Config;
  db: Db;
  auth: Auth;
  /** better-auth's secret: it also encrypts 2FA secrets, which we check ourselves too. */
  authSecret: string;
  socialProviders: SocialProvider[];
  mailer: Mailer;
  /** Where uploaded files' bytes live: the disk under DATA_DIR, or S3. */
  files: FileStore;
  /** Sign-in/up attempt limits, per IP and per account. */
  attemptLimiter: AttemptLimiter;
  /** Why a session is being ended, read by better-auth's delete hook (by session id). */
  sessionEndReasons: Map<string, SessionEndReason>;
  /** The hot-path session lookup (HTTP and sockets), cached in the process. */
  sessions: SessionResolver;
  /** Drops cached sessions and permission inputs a change touched, here and on the other processes. */
  invalidation: CacheInvalidation;
  /** Committed events go here; the socket publisher (and later push) subscribe. */
  events: EventBus;
  /** Per-person limits (sends, edits, reactions, typing, uploads, invites): one atomic take each. */
  limiter: Limiter;
  /** This process as a node of the deployment (its id, its heartbeat with Redis). */
  node: ClusterNode;
  /** Whether this process runs the cluster's background work now (cluster/leader.ts). */
  leadership: Leadership;
  /** Who is online: memory, or Redis (every node's sockets). */
  presence: PresenceStore;
  /** May a person announce typing in a channel now (once per 2 s across devices and nodes). */
  typing: TypingGate;
  /** Socket events per person across sockets and nodes (with Redis; see realtime/flood.ts). */
  flood: FloodCounter;
  /** Who has a focused tab now (they get no push). */
  focus: FocusStore;
  /** Web Push: the VAPID key, the test push, the delivery worker. */
  notifier: Notifier;
  /** Where call media flows: the embedded SFU (its own process), LiveKit later. */
  media: MediaBackend;
  /** Who is in which voice room, and how: memory, or Redis (every node's places). */
  voice: VoiceStateStore;
  /** Who rings for the open calls in conversations, with their timers (in this process). */
  ringing: RingingStore;
  /** Per request, a child logger that writes the request id on every line. */
  log: Logger;
  /** Counters and histograms for /metrics (this server instance's registry). */
  metrics: Metrics;
  /** What /api/ready probes, and whether the process is draining. */
  readiness: Readiness;
}
