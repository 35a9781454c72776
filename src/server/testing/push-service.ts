/**
 * A local stand-in for a browser's push service (Mozilla's autopush, FCM...), for tests
 * and the benchmark: HTTP on 127.0.0.1 that takes `POST /push/<id>`, checks the VAPID
 * signature (RFC 8292: an ES256 JWT whose audience is this origin, verified with the key
 * sent beside it), decrypts the body as the browser would (RFC 8291, aes128gcm) with the
 * subscription's private key and auth secret, and records every delivery. It can answer
 * 410 for an endpoint (the browser unsubscribed), be slow, or go down and come back on
 * the same port.
 */
import { type ECDH, createDecipheriv, createECDH, createHmac, createPublicKey, randomBytes, verify } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Subscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface Delivery {
  endpoint: string;
  /** The decrypted JSON. */
  payload: unknown;
  ttl: number;
  urgency: string | null;
  topic: string | null;
  /** The VAPID public key that signed it. */
  vapidKey: string;
  /** performance.timeOrigin + performance.now() at arrival (milliseconds, sub-millisecond). */
  at: number;
}

interface Device {
  ecdh: ECDH;
  auth: Buffer;
}

const b64u = (b: Buffer) => b.toString("base64url");

function hmac(key: Buffer, data: Buffer): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

/** RFC 8291 section 3.4 and RFC 8188: one record, padding delimiter 2 at the end. */
export function decryptAes128gcm(body: Buffer, device: Device): Buffer {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const senderKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const receiverKey = device.ecdh.getPublicKey();
  const ecdhSecret = device.ecdh.computeSecret(senderKey);
  const prkKey = hmac(device.auth, ecdhSecret);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), receiverKey, senderKey, Buffer.from([1])]);
  const ikm = hmac(prkKey, keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from("Content-Encoding: aes128gcm\0\x01")).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from("Content-Encoding: nonce\0\x01")).subarray(0, 12);
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("not the last record");
  return padded.subarray(0, end);
}

/** Checks `vapid t=<jwt>, k=<key>`: the signature with the key, the audience, the expiry. Returns the key. */
export function verifyVapid(authorization: string | undefined, origin: string): string {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization ?? "");
  if (!match) throw new Error("no VAPID authorization");
  const [, jwt, key] = match as unknown as [string, string, string];
  const [header, claims, signature] = jwt.split(".");
  if (!header || !claims || !signature) throw new Error("malformed JWT");
  const raw = Buffer.from(key, "base64url");
  const publicKey = createPublicKey({
    key: { kty: "EC", crv: "P-256", x: b64u(raw.subarray(1, 33)), y: b64u(raw.subarray(33, 65)) },
    format: "jwk",
  });
  const ok = verify("sha256", Buffer.from(`${header}.${claims}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"));
  if (!ok) throw new Error("bad VAPID signature");
  const { alg } = JSON.parse(Buffer.from(header, "base64url").toString()) as { alg?: string };
  const { aud, exp, sub } = JSON.parse(Buffer.from(claims, "base64url").toString()) as { aud?: string; exp?: number; sub?: string };
  if (alg !== "ES256") throw new Error(`VAPID alg ${alg}`);
  if (aud !== origin) throw new Error(`VAPID audience ${aud}, expected ${origin}`);
  if (!exp || exp * 1000 < Date.now() || exp * 1000 > Date.now() + 24 * 3600_000 + 60_000) throw new Error("VAPID expiry out of range");
  if (!sub || !/^(mailto:|https:)/.test(sub)) throw new Error("VAPID subject missing");
  return key;
}

export class PushServiceStandIn {
  readonly deliveries: Delivery[] = [];
  /** Requests refused for a bad signature or body (a test asserts this stays empty). */
  readonly rejected: Array<{ endpoint: string; reason: string }> = [];
  private readonly devices = new Map<string, Device>();
  private readonly gone = new Set<string>();
  private server: http.Server | null = null;
  private port = 0;
  /** Added before each answer (a slow push service). */
  delayMs = 0;
  /** Requests that reached us at all, answered or not. */
  requests = 0;

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<this> {
    const server = http.createServer((req, res) => void this.receive(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  /** Down: the port is closed, so connections are refused. */
  async down(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Back on the same port. */
  async up(): Promise<void> {
    await this.start(this.port);
  }

  async close(): Promise<void> {
    await this.down();
  }

  /** A fresh browser subscription: a P-256 key pair and a 16-byte auth secret. */
  newSubscription(): Subscription {
    const id = randomBytes(12).toString("base64url");
    const ecdh = createECDH("prime256v1");
    ecdh.generateKeys();
    const auth = randomBytes(16);
    this.devices.set(id, { ecdh, auth });
    return { endpoint: `${this.origin}/push/${id}`, keys: { p256dh: b64u(ecdh.getPublicKey()), auth: b64u(auth) } };
  }

  /** From now on this endpoint answers 410 Gone (its browser unsubscribed). */
  expire(endpoint: string): void {
    this.gone.add(endpoint);
  }

  deliveriesTo(endpoint: string): Delivery[] {
    return this.deliveries.filter((d) => d.endpoint === endpoint);
  }

  private async receive(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.requests++;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const at = performance.timeOrigin + performance.now();
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    const id = /^\/push\/([A-Za-z0-9_-]+)$/.exec(req.url ?? "")?.[1];
    const device = id ? this.devices.get(id) : undefined;
    const endpoint = `${this.origin}${req.url ?? ""}`;
    if (req.method !== "POST" || !device) return void res.writeHead(404).end();
    if (this.gone.has(endpoint)) return void res.writeHead(410).end();
    try {
      const vapidKey = verifyVapid(req.headers.authorization, this.origin);
      if (req.headers["content-encoding"] !== "aes128gcm") throw new Error("not aes128gcm");
      const ttl = Number(req.headers.ttl);
      if (!Number.isInteger(ttl) || ttl < 0) throw new Error("no TTL");
      const payload: unknown = JSON.parse(decryptAes128gcm(Buffer.concat(chunks), device).toString("utf8"));
      const header = (name: string) => (typeof req.headers[name] === "string" ? (req.headers[name] as string) : null);
      this.deliveries.push({ endpoint, payload, ttl, urgency: header("urgency"), topic: header("topic"), vapidKey, at });
      res.writeHead(201, { location: `${this.origin}/message/${randomBytes(8).toString("hex")}` }).end();
    } catch (err) {
      this.rejected.push({ endpoint, reason: (err as Error).message });
      res.writeHead(400).end((err as Error).message);
    }
  }
}
