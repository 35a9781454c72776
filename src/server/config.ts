/**
 * Environment, parsed once at boot. A bad value stops start-up with a message that
 * names the variable. Browser-visible values never come from here.
 */
import { z } from "zod";

const optionalUrl = z.string().trim().url().optional();

/** A limit written "count/seconds" ("5/5": five in any five seconds), as { limit, windowMs }. */
const rate = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .pipe(z.string().regex(/^\d{1,9}\s*\/\s*\d{1,7}$/, 'must be "count/seconds", e.g. "5/5"'))
    .transform((v) => {
      const [count, seconds] = v.split("/").map((n) => Number(n.trim())) as [number, number];
      return { limit: count, windowMs: seconds * 1000 };
    })
    .refine((r) => r.limit >= 1 && r.windowMs >= 1000, "count and seconds must be at least 1");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  BASE_URL: optionalUrl,
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: optionalUrl,
  REDIS_URL: optionalUrl,
  /** Channel prefix in Redis, so several deployments can share one Redis. */
  REDIS_KEY_PREFIX: z.string().min(1).default("giga-chat"),
  /**
   * With REDIS_URL: how long a node's heartbeat lasts without renewal (renewed, and dead
   * nodes swept, three times per period). Its presence and voice places go after that.
   */
  NODE_HEARTBEAT_TTL_SECONDS: z.coerce.number().min(1).max(600).default(30),
  BETTER_AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  /** Messages one person may send to one channel per window (anti-flood). */
  SEND_BURST: z.coerce.number().int().min(1).max(1_000_000).default(5),
  SEND_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /** Per person, "count/seconds": message edits, reaction adds and removes, typing, uploads, invites made. */
  LIMIT_EDITS: rate("5/5"),
  LIMIT_REACTIONS: rate("10/5"),
  LIMIT_TYPING: rate("10/10"),
  LIMIT_UPLOADS: rate("20/60"),
  LIMIT_INVITES: rate("10/60"),
  /** Events one socket may send in the window; one more and it is disconnected. */
  LIMIT_SOCKET_EVENTS: rate("120/60"),
  /** Turns /metrics on: Prometheus scrapes it with `Authorization: Bearer <token>`. Unset: /metrics is a 404. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  // Social sign-in: a button shows for each provider whose id and secret are set.
  GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  GITHUB_CLIENT_ID: z.string().min(1).optional(),
  GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
  /** Any OpenID Connect provider (Keycloak, Authentik, Okta…): its discovery document. */
  OIDC_DISCOVERY_URL: optionalUrl,
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The button's label: "Continue with <OIDC_NAME>". */
  OIDC_NAME: z.string().min(1).max(40).default("SSO"),
  /** smtp://user:pass@host:587 or smtps://…; without it, emailed links go to the log. */
  SMTP_URL: optionalUrl,
  SMTP_FROM: z.string().min(3).default("Giga Chat <no-reply@localhost>"),
  /** Largest file one may upload, in MiB (images, documents, audio, video). */
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(10_240).default(25),
  /** How long deleted messages' and servers' files (and unsent uploads) stay before their bytes go. */
  FILE_GRACE_SECONDS: z.coerce.number().int().min(0).max(30 * 86_400).default(86_400),
  /** S3-compatible storage instead of the disk: set the bucket (and endpoint and keys). */
  S3_ENDPOINT: optionalUrl,
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style URLs (host/bucket/key), as MinIO, Garage and most self-hosted servers want. */
  S3_FORCE_PATH_STYLE: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  /** Sign-in/up attempts allowed per client IP, and per account, in AUTH_WINDOW_SECONDS. */
  AUTH_IP_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(30),
  AUTH_ACCOUNT_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(10),
  AUTH_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** How long each person rings for a call in a conversation before it counts as missed for them. */
  CALL_RING_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
  /** The embedded SFU: the address its UDP sockets bind to, and the one it announces (a public IP behind NAT). */
  MEDIA_LISTEN_IP: z.string().min(1).default("0.0.0.0"),
  MEDIA_ANNOUNCED_IP: z.string().min(1).optional(),
  /** The UDP port range media uses (open it in the firewall); unset: any free port. */
  MEDIA_PORT_MIN: z.coerce.number().int().min(1024).max(65535).optional(),
  MEDIA_PORT_MAX: z.coerce.number().int().min(1024).max(65535).optional(),
  /** TURN servers for people behind strict NATs, comma-separated (turn:host:3478,turns:host:5349). */
  TURN_URLS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((u) => u.trim()).filter(Boolean) : []))
    .pipe(z.array(z.string().regex(/^turns?:[^\s]+$/, "must be turn: or turns: URLs"))),
  /** coturn's static-auth-secret (use-auth-secret): credentials are minted per join. */
  TURN_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  TURN_CREDENTIAL_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  /** LiveKit instead of the embedded SFU: the address browsers dial (wss://…), set with the key pair below. */
  LIVEKIT_URL: z
    .string()
    .trim()
    .url()
    .refine((v) => /^wss?:\/\//.test(v), "must be a ws:// or wss:// URL (the one browsers dial)")
    .optional(),
  /** An API key and its secret from LiveKit's `keys:` (the secret LiveKit accepts is 32 characters or more). */
  LIVEKIT_API_KEY: z.string().trim().min(1).optional(),
  LIVEKIT_API_SECRET: z.string().min(32, "must be at least 32 characters (LiveKit refuses shorter secrets)").optional(),
  /** Where this server reaches LiveKit's room service (http(s)://…); unset: LIVEKIT_URL with http(s) in place of ws(s). */
  LIVEKIT_API_URL: z
    .string()
    .trim()
    .url()
    .refine((v) => /^https?:\/\//.test(v), "must be an http:// or https:// URL")
    .optional(),
  /**
   * Web Push (VAPID) keys, base64url as `web-push generate-vapid-keys` prints them. Unset:
   * generated on first start and kept in DATA_DIR (set them when several processes run).
   */
  VAPID_PUBLIC_KEY: z.string().trim().regex(/^[A-Za-z0-9_-]{80,100}$/, "must be a base64url P-256 public key").optional(),
  VAPID_PRIVATE_KEY: z.string().trim().regex(/^[A-Za-z0-9_-]{40,50}$/, "must be a base64url P-256 private key").optional(),
  /** Who push services contact about this server's pushes: mailto:you@example.org or https://…; default: mailto:admin@<BASE_URL's host>. */
  VAPID_SUBJECT: z
    .string()
    .trim()
    .refine((v) => /^(mailto:|https:\/\/)/.test(v), "must be a mailto: or https:// URL")
    .optional(),
  /**
   * Accept push endpoints over plain http:// (browsers' push services are all https).
   * For a local push service in tests and development only.
   */
  PUSH_ALLOW_HTTP: z
    .enum(["true", "false", "1", "0"])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
  /** A failed push is tried again after 2, 4, 8… seconds up to this many seconds apart, for up to a day. */
  PUSH_RETRY_MAX_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
});

export type Env = z.infer<typeof envSchema>;

/** Every variable the parser reads (the README's configuration table documents them). */
export const configVariables: readonly string[] = Object.keys(envSchema.shape);

export interface Config extends Omit<Env, "BASE_URL"> {
  BASE_URL: string;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means unset, as shells and compose files tend to write it.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const parsed = result.data;
  if (Boolean(parsed.VAPID_PUBLIC_KEY) !== Boolean(parsed.VAPID_PRIVATE_KEY)) {
    throw new ConfigError("Invalid configuration:\n  VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together: set both, or neither to have them made and kept in DATA_DIR.");
  }
  const livekit = [parsed.LIVEKIT_URL, parsed.LIVEKIT_API_KEY, parsed.LIVEKIT_API_SECRET];
  if (livekit.some(Boolean) && !livekit.every(Boolean)) {
    throw new ConfigError(
      "Invalid configuration:\n  LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET go together: set all three to use LiveKit, or none for the embedded media server.",
    );
  }
  if (parsed.LIVEKIT_API_URL && !parsed.LIVEKIT_URL) {
    throw new ConfigError("Invalid configuration:\n  LIVEKIT_API_URL needs LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.");
  }
  const host = parsed.HOST === "0.0.0.0" || parsed.HOST === "::" ? "localhost" : parsed.HOST;
  return { ...parsed, BASE_URL: (parsed.BASE_URL ?? `http://${host}:${parsed.PORT}`).replace(/\/$/, "") };
}

/**
 * What a process refuses to start with when it is one of several (REDIS_URL set): the
 * embedded database (one process per data directory), and keys generated per machine (a
 * session or push signed by one process would not be accepted by the others). Checked by
 * main.ts at start, not by parseConfig: tests run several in-process servers on one
 * embedded database.
 */
export function assertStartable(config: Pick<Config, "REDIS_URL" | "DATABASE_URL" | "BETTER_AUTH_SECRET" | "VAPID_PUBLIC_KEY">): void {
  if (!config.REDIS_URL) return;
  const problems: string[] = [];
  if (!config.DATABASE_URL) {
    problems.push("REDIS_URL is set without DATABASE_URL: several processes cannot share the embedded database; set DATABASE_URL to PostgreSQL.");
  }
  if (!config.BETTER_AUTH_SECRET) {
    problems.push(
      "REDIS_URL is set without BETTER_AUTH_SECRET: a generated secret is per machine, so processes would refuse each other's sessions; set the same BETTER_AUTH_SECRET on every process.",
    );
  }
  if (!config.VAPID_PUBLIC_KEY) {
    problems.push(
      "REDIS_URL is set without VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: generated keys are per machine, so browsers would refuse pushes from the other processes; make a pair with `npx web-push generate-vapid-keys` and set it on every process.",
    );
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join("\n")}`);
}

/** Origins whose browser requests we accept: the base URL, and its loopback twin. */
export function trustedOrigins(config: Pick<Config, "BASE_URL">): string[] {
  const base = new URL(config.BASE_URL);
  const origins = new Set([base.origin]);
  const twins: Record<string, string> = { localhost: "127.0.0.1", "127.0.0.1": "localhost" };
  const twin = twins[base.hostname];
  if (twin) origins.add(`${base.protocol}//${twin}${base.port ? `:${base.port}` : ""}`);
  return [...origins];
}
