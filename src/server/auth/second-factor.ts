/**
 * Checks a TOTP or backup code for a signed-in person, for the actions that ask for one
 * again (turning 2FA off, deleting the account). Secrets and backup codes are stored
 * encrypted by better-auth with the auth secret.
 */
import { timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { twoFactor } from "../db/schema";
import { base32Decode, verifyTotp } from "./totp";

const BASE32_PREFIX = "base32:";

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function checkSecondFactor(db: Db, secret: string, userId: string, code: string): Promise<boolean> {
  // better-auth loads after the server listens (auth/lazy.ts); by a second-factor check it has.
  const { symmetricDecrypt } = await import("better-auth/crypto");
  const [row] = await db.select().from(twoFactor).where(eq(twoFactor.userId, userId)).limit(1);
  if (!row) return false;
  const given = code.trim();
  const plain = await symmetricDecrypt({ key: secret, data: row.secret });
  const key = plain.startsWith(BASE32_PREFIX) ? base32Decode(plain.slice(BASE32_PREFIX.length)) : Buffer.from(plain);
  if (/^\d{6}$/.test(given.replace(/\s/g, ""))) return verifyTotp(key, given);
  const codes = JSON.parse(await symmetricDecrypt({ key: secret, data: row.backupCodes })) as string[];
  return codes.some((c) => sameText(c, given));
}
