/**
 * Short-lived TURN credentials with coturn's `use-auth-secret` scheme: coturn and the app
 * share a secret, so no per-user account exists on the TURN server and a leaked
 * credential stops working at its expiry.
 */
import { createHmac } from "node:crypto";
import type { VoiceConnection } from "@/shared/voice";

export type IceServers = Extract<VoiceConnection, { kind: "embedded" }>["iceServers"];

/**
 * The ICE servers for one person's join: username `<expiry-unix>:<userId>`, credential
 * base64(HMAC-SHA1(secret, username)). TURN URLs without a secret cannot be used (every
 * TURN allocation needs credentials), so they give none, like no TURN at all.
 */
export function iceServersFor(
  turn: { urls: string[]; secret?: string; ttlSeconds: number },
  userId: string,
  now: number = Date.now(),
): IceServers {
  if (turn.urls.length === 0 || !turn.secret) return [];
  const expiry = Math.floor(now / 1000) + turn.ttlSeconds;
  const username = `${expiry}:${userId}`;
  const credential = createHmac("sha1", turn.secret).update(username).digest("base64");
  return [{ urls: [...turn.urls], username, credential }];
}
