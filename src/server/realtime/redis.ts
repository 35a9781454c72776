/**
 * Scale-out: with REDIS_URL, Socket.IO fans events out through Redis so sockets on any
 * node receive them. ioredis, because node-redis lets queued-command timeouts escape as
 * unhandled rejections under load.
 */
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Io } from "./publisher";

export interface RedisLink {
  /** Both connections answer a PING (readiness); rejects at once while either is reconnecting. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * ioredis reconnects by itself after Redis goes away (and subscribes again), so the
 * process recovers without a restart; meanwhile readiness reports Redis down.
 */
export async function useRedisAdapter(io: Io, url: string, key: string, log: Logger): Promise<RedisLink> {
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) client.on("error", (err) => log.warn({ err }, "redis connection error"));
  await Promise.all([pub.connect(), sub.connect()]);
  // The adapter does not wait on or catch its broadcasts' PUBLISH: one sent while Redis is
  // away or the connection is closing (shutdown) would be an unhandled rejection. Logged.
  const publish = pub.publish.bind(pub) as (...args: unknown[]) => Promise<number>;
  Object.assign(pub, {
    publish: (...args: unknown[]) => {
      const sent = publish(...args);
      sent.catch((err: unknown) => log.warn({ err }, "redis: a broadcast could not be published"));
      return sent;
    },
  });
  io.adapter(createAdapter(pub, sub, { key }));
  return {
    ping: async () => {
      for (const client of [pub, sub]) if (client.status !== "ready") throw new Error(`redis connection is ${client.status}`);
      await Promise.all([pub.ping(), sub.ping()]);
    },
    close: async () => {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
