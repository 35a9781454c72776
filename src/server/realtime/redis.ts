/**
 * Scale-out: with REDIS_URL, Socket.IO fans events out through Redis so sockets on any
 * node receive them. ioredis, because node-redis lets queued-command timeouts escape as
 * unhandled rejections under load.
 */
import { createAdapter } from "@socket.io/redis-adapter";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Io } from "./publisher";

export async function useRedisAdapter(io: Io, url: string, key: string, log: Logger): Promise<() => Promise<void>> {
  const pub = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) client.on("error", (err) => log.warn({ err }, "redis connection error"));
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub, { key }));
  return async () => {
    await Promise.allSettled([pub.quit(), sub.quit()]);
  };
}
