/**
 * The VAPID key pair that signs our pushes (RFC 8292). Browsers subscribe with the public
 * key, and a push service refuses pushes signed by any other, so the pair must outlive
 * restarts: configured keys when given (required when several processes share a
 * database), else a pair made at first start and kept in DATA_DIR, as the auth secret is.
 */
import fs from "node:fs/promises";
import path from "node:path";
import webPush from "web-push";
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
  const keys = webPush.generateVAPIDKeys();
  // "wx": a second process starting at the same moment cannot overwrite the first one's pair.
  await fs.writeFile(file, JSON.stringify(keys), { mode: 0o600, flag: "wx" });
  return keys;
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
