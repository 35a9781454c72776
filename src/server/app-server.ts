/**
 * One HTTP server for everything: /api -> Hono (better-auth inside it under /api/auth),
 * /socket.io -> Socket.IO, everything else -> Next.js. Tests build it without Next.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import pino, { type Logger } from "pino";
import { CLIENT_IP_HEADER, SESSION_EXPIRES_IN, SESSION_UPDATE_AGE, createAuth } from "./auth";
import { createSessionResolver } from "./auth/session";
import type { Config } from "./config";
import type { Database } from "./db/client";
import { EventBus } from "./domain/event-bus";
import { createHttpApp } from "./http/app";
import { emojiAssetHandler, loadEmojiSet } from "./http/emoji-assets";
import { type LimitRules, createLimiter } from "./limits";
import { createGateway } from "./realtime/gateway";
import type { SocketFeature } from "./realtime/socket-feature";
import { FocusStore } from "./realtime/focus";
import { type VapidKeys, createNotifier } from "./notify";
import { type Io, SocketPublisher } from "./realtime/publisher";
import { AttemptLimiter } from "./auth/attempt-limits";
import { socialProviders } from "./auth/providers";
import type { SessionEndReason } from "./domain/users/sessions";
import { createMailer } from "./mail";
import { collectFiles } from "./domain/files/attachments";
import { createFileStore } from "./storage";
import { useRedisAdapter } from "./realtime/redis";
import { createMediaBackend } from "./media";
import { VoiceSubscriber } from "./media/voice-subscriber";
import { CallsSubscriber } from "./domain/calls/calls-subscriber";
import { closeStaleCalls } from "./domain/calls/records";
import { RingingStore } from "./domain/calls/ringing";
import { relayMediaSignals } from "./realtime/features/voice";
import { publishPresenceChanges } from "./realtime/features/presence";
import { endPlacesOfNode } from "./domain/voice/places";
import { createSharedState } from "./cluster/stores";
import type { Services } from "./services";

export type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface GigaServer {
  httpServer: http.Server;
  io: Io;
  services: Services;
  app: ReturnType<typeof createHttpApp>;
  listen(port: number, host: string): Promise<AddressInfo>;
  close(): Promise<void>;
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
  /** Web Push keys (main.ts: configured or kept in DATA_DIR); default: the configured ones, else a fresh pair. */
  vapid?: VapidKeys;
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
  const publisher = new SocketPublisher();
  events.subscribe(publisher);
  const mailer = createMailer(config, log);
  const files = createFileStore(config, log);
  const sessionEndReasons = new Map<string, SessionEndReason>();
  const auth = createAuth({
    db: database.db,
    config,
    secret: opts.authSecret,
    rateLimit: opts.authRateLimit ?? config.NODE_ENV === "production",
    log,
    mailer,
    onSessionEnded: (s) =>
      events.publish([{ type: "session.ended", sessionId: s.id, reason: sessionEndReasons.get(s.id) ?? "signed_out" }]),
  });
  const limiter = await createLimiter(config, log, opts.limits);
  // Presence, voice places, typing, flood and attempt counts: memory, or Redis with REDIS_URL.
  const shared = await createSharedState(config, log, limiter.rules["socket.events"]);
  const sessions = createSessionResolver({
    auth,
    db: database.db,
    secret: opts.authSecret,
    expiresIn: SESSION_EXPIRES_IN,
    updateAge: SESSION_UPDATE_AGE,
  });
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
    events,
    limiter,
    node: shared.node,
    presence: shared.presence,
    typing: shared.typing,
    flood: shared.flood,
    focus: new FocusStore(),
    media: createMediaBackend(config, log),
    voice: shared.voice,
    ringing: new RingingStore(config.CALL_RING_SECONDS * 1000),
    log,
  };
  const notify = createNotifier(base, opts.vapid);
  const services: Services = { ...base, notifier: notify.notifier };
  // After the socket publisher: rooms are left before a lost place is told.
  events.subscribe(new VoiceSubscriber(services));
  // After the voice subscriber: the places it ends are told to this one as they go.
  events.subscribe(new CallsSubscriber(services));
  // Its own queue: a message's send never waits on its notifications.
  events.subscribe(notify.subscriber);
  const app = createHttpApp(services);
  const api = getRequestListener(app.fetch);
  // Emoji images from the package, in development and production alike (http/emoji-assets.ts).
  const emoji = emojiAssetHandler(await loadEmojiSet());

  const httpServer = http.createServer((req, res) => {
    const url = req.url ?? "/";
    if (url.startsWith("/socket.io/")) return; // Socket.IO has its own request listener
    if (url.startsWith("/api/")) {
      stampClientIp(req, clientIp(req, config.TRUST_PROXY));
      void api(req, res);
      return;
    }
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
  // Deleted messages' and servers' files, and uploads never sent, go after the grace period.
  const fileCollector = setInterval(() => {
    collectFiles(services).catch((err: unknown) => log.error({ err }, "file collection failed"));
  }, 10 * 60_000);
  fileCollector.unref();
  publisher.attach(io);
  relayMediaSignals(io, services);
  const closeRedis = config.REDIS_URL ? await useRedisAdapter(io, config.REDIS_URL, config.REDIS_KEY_PREFIX, log) : async () => {};
  await shared.node.start();
  // Before listening, with the events going out: other nodes' people hear of the calls it ends.
  await closeStaleCalls(services);
  services.notifier.start();

  return {
    httpServer,
    io,
    services,
    app,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => resolve(httpServer.address() as AddressInfo));
      }),
    close: async () => {
      // First: the fan-out and the pushes in flight finish while the database is still there.
      await services.notifier.stop();
      // Then this node's people and places go at once, told to the other nodes.
      await endNode(shared.node.id).catch((err: unknown) => log.warn({ err }, "could not remove this node's presence and voice places"));
      // io.close() disconnects every socket and closes the HTTP server with it.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      httpServer.closeAllConnections();
      clearInterval(fileCollector);
      services.ringing.close();
      await closeRedis();
      await shared.close();
      await limiter.close();
      mailer.close();
      await files.close();
      await services.media.close();
    },
  };
}
