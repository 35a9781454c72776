/**
 * The VAPID key pair that signs our pushes (RFC 8292). Browsers subscribe with the public
 * key, and a push service refuses pushes signed by any other, so the pair must outlive
 * restarts: configured keys when given (required when several processes share a
 * database), else a pair made at first start and kept in DATA_DIR, as the auth secret is.
 */
import { createECDH } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Config } from "../config";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export async function resolveVapidKeys(config: Pick<Config, "VAPID_PUBLIC_KEY" | "VAPID_PRIVATE_KEY">, dataDir: string): Promise<VapidKeys> {
  if (config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY) {
    return { publicKey: config.VAPID_PUBLIC_KEY, privateKey: config.VAPID_PRIVATE_KEY };
  }
  const file = path.join(dataDir, "vapid.json");
  try {
    return parseKeys(await fs.readFile(file, "utf8"), file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  await fs.mkdir(dataDir, { recursive: true });
  const keys = generateVapidKeys();
  // "wx": a second process starting at the same moment cannot overwrite the first one's pair.
  await fs.writeFile(file, JSON.stringify(keys), { mode: 0o600, flag: "wx" });
  return keys;
}

/**
 * A fresh P-256 pair in the form web-push's generateVAPIDKeys gives (URL-safe base64 of
 * the raw 65-byte public point and 32-byte private scalar), made here so that web-push
 * loads at the first push rather than at start.
 */
export function generateVapidKeys(): VapidKeys {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  // A key with leading zero bytes comes back shorter: pad it to its fixed length.
  const fixed = (key: Buffer, length: number) => Buffer.concat([Buffer.alloc(Math.max(0, length - key.length)), key]);
  return { publicKey: fixed(ecdh.getPublicKey(), 65).toString("base64url"), privateKey: fixed(ecdh.getPrivateKey(), 32).toString("base64url") };
}

function parseKeys(text: string, file: string): VapidKeys {
  const parsed = JSON.parse(text) as Partial<VapidKeys>;
  if (typeof parsed.publicKey !== "string" || typeof parsed.privateKey !== "string") {
    throw new Error(`${file} holds no VAPID key pair: delete it to have a new one made (existing push subscriptions then stop working)`);
  }
  return { publicKey: parsed.publicKey, privateKey: parsed.privateKey };
}

/** Who push services may contact about our pushes. */
export function vapidSubject(config: Pick<Config, "VAPID_SUBJECT" | "BASE_URL">): string {
  return config.VAPID_SUBJECT ?? `mailto:admin@${new URL(config.BASE_URL).hostname}`;
}
