/**
 * A Lua script on an ioredis connection, the one way the Redis drivers run theirs: defined
 * once per connection under its name (whoever asks first; the drivers share one
 * connection), then run by its SHA (EVALSHA, the text sent again only when Redis has not
 * seen it), never the whole text on every call.
 */
import type { Redis } from "ioredis";

export type RedisScript<R> = (keys: readonly string[], ...args: Array<string | number>) => Promise<R>;

export function redisScript<R>(redis: Redis, name: string, lua: string): RedisScript<R> {
  if (!(name in redis)) redis.defineCommand(name, { lua });
  const scripted = redis as unknown as Record<string, (numKeys: number, ...args: Array<string | number>) => Promise<R>>;
  return (keys, ...args) => scripted[name]!(keys.length, ...keys, ...args);
}
