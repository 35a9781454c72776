/**
 * Several processes behind one balancer must sign sessions and pushes with the same keys:
 * a session cookie signed by one is refused by another, and browsers' push subscriptions
 * only accept pushes signed with the key they subscribed with. At start, with REDIS_URL,
 * each process leaves a fingerprint of its keys in Redis (the first one to start sets
 * it) and refuses to start when the fingerprint there differs. A fingerprint is an
 * HMAC-SHA256 of a fixed label keyed with the secret: it tells whether two secrets are
 * equal, never the secret.
 */
import { createHmac } from "node:crypto";
import { Redis } from "ioredis";
import { ConfigError } from "../config";

export interface SharedSecret {
  /** What the operator sets, named in the refusal. */
  name: string;
  /** The Redis key's last part. */
  key: string;
  value: string;
}

export function fingerprint(secret: string): string {
  return createHmac("sha256", secret).update("giga-chat shared secret fingerprint v1").digest("hex");
}

/** Throws ConfigError when another process of this deployment runs with a different value. */
export async function checkSharedSecrets(url: string, prefix: string, secrets: SharedSecret[], timeoutMs = 5_000): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: timeoutMs, retryStrategy: () => null });
  redis.on("error", () => undefined);
  try {
    try {
      await redis.connect();
    } catch (err) {
      throw new ConfigError(`Cannot reach Redis at REDIS_URL to start: ${(err as Error).message}`);
    }
    for (const secret of secrets) {
      const key = `${prefix}:fingerprint:${secret.key}`;
      const mine = fingerprint(secret.value);
      const set = await redis.set(key, mine, "NX");
      if (set === "OK") continue;
      const theirs = await redis.get(key);
      if (theirs !== null && theirs !== mine) {
        throw new ConfigError(
          `${secret.name} differs from the one the other processes of this deployment use (their fingerprint is in Redis under ${key}). ` +
            "Give every process the same value; to change it on purpose, stop them all, delete that key, and start them with the new one.",
        );
      }
      // The key vanished between SET NX and GET (deleted by hand): claim it again.
      if (theirs === null) await redis.set(key, mine, "NX");
    }
  } finally {
    redis.disconnect();
  }
}
