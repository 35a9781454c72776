/**
 * Prometheus metrics (`/metrics`, on when METRICS_TOKEN is set). One registry per server
 * instance: tests run several servers in one process. Every label has a bounded set of
 * values (event names the gateway knows, route patterns, status classes), never an id.
 * Gauges that describe a state (sockets, the database pool, the push queue) are read at
 * scrape time, so nothing is counted on the hot paths but the events themselves.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export interface MetricSources {
  /** Sockets connected to this process. */
  sockets?: () => number;
  /** node-postgres's pool; absent with the embedded database. */
  pool?: { totalCount: number; idleCount: number; waitingCount: number };
  /** Push jobs not yet settled (a cheap count at scrape time). */
  pushQueueDepth?: () => Promise<number>;
}

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export class Metrics {
  readonly registry = new Registry();
  readonly sources: MetricSources = {};
  private readonly socketEvents: Counter<"event">;
  private readonly httpResponses: Counter<"method" | "route" | "status">;
  private readonly sendSeconds: Histogram;

  /** `processMetrics`: prom-client's process metrics too (CPU, memory, event loop lag, GC); on when /metrics is served. */
  constructor(opts: { processMetrics: boolean }) {
    const registers = [this.registry];
    if (opts.processMetrics) collectDefaultMetrics({ register: this.registry });
    const sources = this.sources;
    new Gauge({
      name: "giga_sockets_connected",
      help: "Socket.IO connections open on this process.",
      registers,
      collect() {
        this.set(sources.sockets?.() ?? 0);
      },
    });
    this.socketEvents = new Counter({
      name: "giga_socket_events_received_total",
      help: "Events received from sockets, by event name (unknown names count as other).",
      labelNames: ["event"],
      registers,
    });
    this.sendSeconds = new Histogram({
      name: "giga_message_send_duration_seconds",
      help: "How long sending a message took on the server (the send command, answered or refused).",
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.httpResponses = new Counter({
      name: "giga_http_responses_total",
      help: "HTTP responses by method, route pattern and status class (2xx, 4xx...).",
      labelNames: ["method", "route", "status"],
      registers,
    });
    const pool = (name: string, help: string, read: (p: NonNullable<MetricSources["pool"]>) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(sources.pool ? read(sources.pool) : 0);
        },
      });
    pool("giga_db_pool_connections", "Connections in the PostgreSQL pool (0 with the embedded database).", (p) => p.totalCount);
    pool("giga_db_pool_idle_connections", "Idle connections in the PostgreSQL pool.", (p) => p.idleCount);
    pool("giga_db_pool_waiting_requests", "Queries waiting for a PostgreSQL connection.", (p) => p.waitingCount);
    new Gauge({
      name: "giga_push_queue_depth",
      help: "Push notification jobs waiting to be sent or retried.",
      registers,
      async collect() {
        if (!sources.pushQueueDepth) return;
        // A database that is down must not fail the scrape: the last value stays.
        const depth = await withTimeout(sources.pushQueueDepth(), 1_000).catch(() => undefined);
        if (depth !== undefined) this.set(depth);
      },
    });
  }

  socketEvent(event: string) {
    this.socketEvents.inc({ event });
  }

  /** Starts timing a send; call the result when it is answered. */
  startSend(): () => void {
    return this.sendSeconds.startTimer();
  }

  httpResponse(method: string, route: string, status: number) {
    this.httpResponses.inc({
      method: METHODS.has(method) ? method : "other",
      route,
      status: `${Math.floor(status / 100)}xx`,
    });
  }

  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error("timed out")), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
