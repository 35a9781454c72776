/**
 * One HTTP server for everything: /api -> Hono (better-auth inside it under /api/auth),
 * /socket.io -> Socket.IO, everything else -> Next.js. Tests build it without Next.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import pino, { type Logger } from "pino";
import { CLIENT_IP_HEADER, SESSION_EXPIRES_IN, SESSION_UPDATE_AGE, sessionCookieName } from "./auth/constants";
import { loadAuth } from "./auth/lazy";
import { createSessionResolver } from "./auth/session";
import type { Config } from "./config";
import type { Database, Listening } from "./db/client";
import { EventBus } from "./domain/event-bus";
import type { DomainEvent } from "./domain/events";
import { CacheInvalidation } from "./cluster/invalidation";
import { accessCacheFor } from "./policies/access-cache";
import { placeCacheFor } from "./notify/place-cache";
import { createHttpApp } from "./http/app";
import { emojiAssetHandler, loadEmojiSet } from "./http/emoji-assets";
import { type LimitRules, createLimiter } from "./limits";
import { createGateway } from "./realtime/gateway";
import type { SocketFeature } from "./realtime/socket-feature";
import { type VapidKeys, createNotifier } from "./notify";
import { type Io, SocketPublisher } from "./realtime/publisher";
import { AttemptLimiter } from "./auth/attempt-limits";
import { socialProviders } from "./auth/providers";
import type { SessionEndReason } from "./domain/users/sessions";
import { createMailer } from "./mail";
import { collectFiles } from "./domain/files/attachments";
import { createFileStore } from "./storage";
import { createMediaBackend } from "./media";
import { VoiceSubscriber } from "./media/voice-subscriber";
import { CallsSubscriber } from "./domain/calls/calls-subscriber";
import { closeStaleCalls } from "./domain/calls/records";
import { relayMediaSignals } from "./realtime/features/voice";
import { publishPresenceChanges } from "./realtime/features/presence";
import { endPlacesOfNode } from "./domain/voice/places";
import { createSharedState } from "./cluster/stores";
import type { Services } from "./services";
import { type LeaderJob, runWhileLeading } from "./cluster/leader";
import { statisticsJob } from "./db/maintenance";
import { createSearchIndexer } from "./domain/search/indexer";
import { sql } from "drizzle-orm";
import { pushJobs } from "./db/schema";
import { type MetricSources, Metrics } from "./ops/metrics";
import { PROBE_TIMEOUT_MS, createReadiness } from "./ops/readiness";
import { REQUEST_ID_HEADER, acceptRequestId } from "./ops/request-id";

export type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface GigaServer {
  httpServer: http.Server;
  io: Io;
  services: Services;
  app: ReturnType<typeof createHttpApp>;
  listen(port: number, host: string): Promise<AddressInfo>;
  /**
   * Drains, then stops: /api/ready answers 503 at once, no new connection is accepted,
   * sockets' transports close (clients reconnect, elsewhere behind a balancer), the HTTP
   * requests in flight are answered (up to `graceMs`, then their connections are cut),
   * then the background work and the connections to Redis, the file store and media stop.
   * The database is the caller's to close, after this.
   */
  close(opts?: { graceMs?: number }): Promise<void>;
}

export interface GigaServerOptions {
  config: Config;
  database: Database;
  authSecret: string;
  pages?: PageHandler;
  log?: Logger;
  /** Per-person limits (sends, edits, reactions...); tests that act in bulk pass roomier ones. Default: the config's. */
  limits?: LimitRules;
  /** better-auth's per-IP limiter; on in production. */
  authRateLimit?: boolean;
  /** Sign-in/up attempt limits; tests that sign many people up pass a roomier one. */
  attemptLimiter?: AttemptLimiter;
  /** The socket features to attach (realtime/features); tests may add one of their own. */
  socketFeatures?: readonly SocketFeature<unknown>[];
  /**
   * The leader's periodic jobs (file collection, the statistics refresh); default on. The
   * send-path benchmark turns them off: it seeds and analyzes its history itself, and a
   * one-off ANALYZE of a million rows in the middle of its measurement is not the send path.
   */
  backgroundJobs?: boolean;
  /**
   * better-auth loads once this settles (main.ts: once Next.js has prepared, so the first
   * pages are not slowed by it; a person signs in from a page). Default: at once.
   */
  authLoadsAfter?: Promise<unknown>;
  /** Web Push keys (main.ts: configured or kept in DATA_DIR); default: the configured ones, else a fresh pair. */
  vapid?: VapidKeys;
  /**
   * A server that already listens (main.ts listens first and holds the requests until
   * this one is built, ops/start-gate.ts); `listen` then just says where. Default: a new one.
   */
  httpServer?: http.Server;
}

function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers["x-forwarded-for"] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first || req.socket.remoteAddress || "unknown";
}

/**
 * Hands the client address to Hono and better-auth (rate limits, the sessions list) in
 * our own header. Hono builds its Request from `rawHeaders`, so both lists get it, and a
 * client-sent value is dropped first: this header is ours alone.
 */
function stampClientIp(req: IncomingMessage, ip: string) {
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) if (raw[i]!.toLowerCase() === CLIENT_IP_HEADER) raw.splice(i, 2);
  raw.push(CLIENT_IP_HEADER, ip);
  req.headers[CLIENT_IP_HEADER] = ip;
}

export async function createGigaServer(opts: GigaServerOptions): Promise<GigaServer> {
  const { config, database } = opts;
  const log = opts.log ?? pino({ level: config.LOG_LEVEL });
  const events = new EventBus(log);
  // First of the subscribers: a change's cached inputs are gone before anyone is told of it.
  const invalidation = new CacheInvalidation(accessCacheFor(database.db), placeCacheFor(database.db), log);
  events.subscribe(invalidation);
  const publisher = new SocketPublisher();
  events.subscribe(publisher);
  const mailer = createMailer(config, log);
  const files = createFileStore(config, log);
  const sessionEndReasons = new Map<string, SessionEndReason>();
  const { auth } = loadAuth({
    db: database.db,
    config,
    secret: opts.authSecret,
    rateLimit: opts.authRateLimit ?? config.NODE_ENV === "production",
    log,
    mailer,
    onSessionEnded: async (s) => {
      const batch: DomainEvent[] = [{ type: "session.ended", sessionId: s.id, reason: sessionEndReasons.get(s.id) ?? "signed_out" }];
      events.publish(batch);
      await invalidation.settled(batch);
    },
    onUserChanged: (userId) => invalidation.forgetUser(userId),
  }, log, opts.authLoadsAfter);
  const limiter = await createLimiter(config, log, opts.limits);
  // Presence, voice places, typing, flood and attempt counts: memory, or Redis with REDIS_URL.
  const shared = await createSharedState(config, log, limiter.rules["socket.events"]);
  const { leadership } = shared;
  const metrics = new Metrics({ processMetrics: Boolean(config.METRICS_TOKEN) });
  const readiness = createReadiness();
  readiness.probes.database = () => database.db.execute(sql`select 1`);
  readiness.probes.files = () => files.ping({ signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  const sessions = createSessionResolver({
    auth,
    // Called by requests only, after `sessionChanges` below is set.
    caughtUp: async () => (await sessionChanges).caughtUp(),
    // There the catch-up is a round trip: the history and the send check the session in their own statements.
    checkInStatement: database.kind === "postgres",
    cookieName: sessionCookieName(config.BASE_URL.startsWith("https://")),
    db: database.db,
    secret: opts.authSecret,
    expiresIn: SESSION_EXPIRES_IN,
    updateAge: SESSION_UPDATE_AGE,
  });
  invalidation.trackSessions(sessions);
  // A session changed in the database by anyone (better-auth, the app, an operator's SQL)
  // leaves the cache at once (migration 0014's trigger); a lost listening connection
  // empties it, since what was told meanwhile is gone. A cached session is used only once
  // the changes committed before its request are heard (`caughtUp`). Not awaited here.
  const sessionChanges: Promise<Listening> = database.listen(
    "session_changed",
    (sessionId) => sessions.forget({ sessionIds: [sessionId] }),
    () => sessions.forget({ all: true }),
  );
  const base: Omit<Services, "notifier"> = {
    config,
    db: database.db,
    auth,
    authSecret: opts.authSecret,
    socialProviders: socialProviders(config),
    mailer,
    files,
    attemptLimiter:
      opts.attemptLimiter ??
      new AttemptLimiter(config.AUTH_IP_LIMIT, config.AUTH_ACCOUNT_LIMIT, config.AUTH_WINDOW_SECONDS * 1000, shared.attempts),
    sessionEndReasons,
    sessions,
    invalidation,
    events,
    limiter,
    node: shared.node,
    leadership,
    presence: shared.presence,
    typing: shared.typing,
    flood: shared.flood,
    focus: shared.focus,
    media: await createMediaBackend(config, log),
    voice: shared.voice,
    ringing: shared.ringing,
    log,
    metrics,
    readiness,
  };
  const notify = createNotifier(base, opts.vapid);
  const services: Services = { ...base, notifier: notify.notifier };
  // After the socket publisher: rooms are left before a lost place is told.
  events.subscribe(new VoiceSubscriber(services));
  // After the voice subscriber: the places it ends are told to this one as they go.
  events.subscribe(new CallsSubscriber(services));
  // Its own queue: a message's send never waits on its notifications.
  events.subscribe(notify.subscriber);
  // Sends and edits here wake the search indexer; the send itself never indexes.
  const searchIndex = createSearchIndexer(database.db, database.kind, log);
  events.subscribe(searchIndex.subscriber);
  const app = createHttpApp(services);
  const api = getRequestListener(app.fetch);
  // Emoji images from the package, in development and production alike (http/emoji-assets.ts).
  const emoji = emojiAssetHandler(await loadEmojiSet());

  // HTTP requests being answered (Socket.IO's own excepted): a drain waits for them.
  let inFlight = 0;
  let onIdle: (() => void) | undefined;
  const httpServer = opts.httpServer ?? http.createServer();
  httpServer.on("request", (req, res) => {
    const url = req.url ?? "/";
    if (url.startsWith("/socket.io/")) return; // Socket.IO has its own request listener
    inFlight++;
    res.once("close", () => {
      if (--inFlight === 0) onIdle?.();
    });
    // While draining, no connection is kept alive for a next request.
    if (readiness.draining) res.setHeader("connection", "close");
    if (url.startsWith("/api/") || url === "/metrics" || url.startsWith("/metrics?")) {
      stampClientIp(req, clientIp(req, config.TRUST_PROXY));
      void api(req, res);
      return;
    }
    // Pages and assets get an id too (the API's requests get theirs in http/request-context.ts).
    res.setHeader(REQUEST_ID_HEADER, acceptRequestId(req.headers[REQUEST_ID_HEADER] as string | undefined));
    res.once("finish", () => metrics.httpResponse(req.method ?? "", "pages", res.statusCode));
    if (emoji(req, res)) return;
    if (opts.pages) {
      void Promise.resolve(opts.pages(req, res)).catch((err: unknown) => {
        log.error({ err }, "page render failed");
        if (!res.headersSent) res.writeHead(500).end("Internal error");
      });
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
  });

  const io = createGateway(httpServer, services, opts.socketFeatures);
  // What this node leaves behind: a dead one's (its sweep) or its own at a clean shutdown.
  const endNode = async (nodeId: string) => {
    await publishPresenceChanges(io, services, await services.presence.dropNode(nodeId));
    await endPlacesOfNode(services, nodeId);
  };
  shared.node.onDead(endNode);
  // Swept while alive (stalled too long): its sockets come back through a fresh connect.
  shared.node.onSwept(() => io.local.disconnectSockets(true));
  publisher.attach(io);
  relayMediaSignals(io, services);
  // The adapter and ioredis load only with REDIS_URL.
  const redis = config.REDIS_URL
    ? await (await import("./realtime/redis")).useRedisAdapter(io, config.REDIS_URL, config.REDIS_KEY_PREFIX, log)
    : undefined;
  if (redis) readiness.probes.redis = redis.ping;
  if (redis) invalidation.connect(io);
  metrics.sources.sockets = () => io.engine.clientsCount;
  if ("pool" in database) metrics.sources.pool = database.pool as MetricSources["pool"];
  metrics.sources.pushQueueDepth = async () => {
    const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(pushJobs);
    return row?.n ?? 0;
  };
  await shared.node.start();
  // Before listening, with the events going out: other nodes' people hear of the calls it ends.
  await closeStaleCalls(services);

  if (shared.redis) {
    // Pushes queued here wake the process that delivers them, wherever it is.
    io.on("push.queued", () => services.notifier.wake());
    services.notifier.onQueued(() => {
      if (!leadership.leading) io.serverSideEmit("push.queued");
    });
  }
  // Background work, on one process of the cluster at a time (cluster/leader.ts).
  const jobs: LeaderJob[] = [
    // Deleted messages' and servers' files, and uploads never sent, go after the grace period.
    { name: "file collection", everyMs: 10 * 60_000, run: async () => void (await collectFiles(services)) },
  ];
  // Messages written on a process that stopped before indexing them, or by an import;
  // search catches up by itself first, this keeps its catch-up small.
  jobs.push({ name: "search index", everyMs: 1_000, run: searchIndex.run });
  const statistics = statisticsJob(database, log);
  if (statistics) jobs.push(statistics);
  const stopJobs = runWhileLeading(leadership, opts.backgroundJobs === false ? [] : jobs, log);
  leadership.onChange((leading) => {
    if (leading) services.notifier.start();
    else void services.notifier.pause();
  });
  await leadership.start();

  /** Resolves once no HTTP request is in flight, or after `ms`. */
  const requestsAnswered = (ms: number) =>
    new Promise<void>((resolve) => {
      if (inFlight === 0) return resolve();
      const timer = setTimeout(resolve, ms);
      onIdle = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  let closing: Promise<void> | undefined;
  const drainAndStop = async (graceMs: number) => {
    readiness.draining = true;
    // Stops listening (and drops idle keep-alive connections); the requests in flight go on.
    httpServer.close();
    // Every socket's transport closes without a disconnect packet: clients see
    // "transport close" and reconnect by themselves (after "io server disconnect" they
    // would not). io.close() also waits for the HTTP server to close.
    const socketsClosed = io.close();
    await requestsAnswered(graceMs);
    // What is left is idle, or a request that outlived the grace period.
    httpServer.closeAllConnections();
    await socketsClosed;
    // Then the fan-out and the pushes in flight finish while the database is still there,
    // this node's people and places go at once (told to the other nodes), and the lead
    // goes, so another process takes up the background work at once.
    await services.notifier.stop();
    await endNode(shared.node.id).catch((err: unknown) => log.warn({ err }, "could not remove this node's presence and voice places"));
    await stopJobs();
    await searchIndex.stop();
    await (await sessionChanges).stop();
    services.ringing.close();
    await redis?.close();
    await shared.close();
    await limiter.close();
    mailer.close();
    await files.close();
    await services.media.close();
  };

  return {
    httpServer,
    io,
    services,
    app,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        if (httpServer.listening) return resolve(httpServer.address() as AddressInfo);
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => resolve(httpServer.address() as AddressInfo));
      }),
    // Once: a second call (SIGINT after SIGTERM, a test's cleanup after its own stop) waits for the first.
    close: (opts) => (closing ??= drainAndStop(opts?.graceMs ?? 7_000)),
  };
}
