/**
 * RFC 6238 time-based codes (HMAC-SHA1, 6 digits, 30 s), the scheme authenticator apps
 * and better-auth's two-factor plugin use. Our server checks codes with it where
 * better-auth does not (turning 2FA off, deleting an account), and tests compute codes
 * from the `otpauth://` URI with it, as a phone would.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

const PERIOD_MS = 30_000;
const DIGITS = 6;
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/=+$/, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const index = BASE32.indexOf(ch);
    if (index < 0) throw new Error("not base32");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The key an `otpauth://totp/...?secret=BASE32` URI carries. */
export function keyFromUri(uri: string): Buffer {
  const secret = new URL(uri).searchParams.get("secret");
  if (!secret) throw new Error("otpauth URI without a secret");
  return base32Decode(secret);
}

export function totpCode(key: Uint8Array, at = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / PERIOD_MS)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const number = mac.readUInt32BE(offset) & 0x7fffffff;
  return (number % 10 ** DIGITS).toString().padStart(DIGITS, "0");
}

/** Accepts the previous, current and next period, as authenticator clocks drift. */
export function verifyTotp(key: Uint8Array, code: string, at = Date.now()): boolean {
  const given = Buffer.from(code.replace(/\s/g, ""));
  let ok = false;
  for (const step of [-1, 0, 1]) {
    const expected = Buffer.from(totpCode(key, at + step * PERIOD_MS));
    ok = (given.length === expected.length && timingSafeEqual(given, expected)) || ok;
  }
  return ok;
}
