/**
 * The fuzzer's kit: a world of two servers with different owners, generated requests over
 * every HTTP route the Hono app has (`app.routes`) and generated events over every client
 * socket event the features handle, valid and malformed, sent as members and outsiders.
 *
 * What must hold for every one of them: no 5xx answer, no INTERNAL ack, no error logged,
 * the server and the sockets stay up, and nothing of the other server (its name, its
 * channel's name and topic, its message, its role, their ids) in any body, ack or event.
 * The actors are members of server A (its owner, a plain member) and outsiders of server
 * B; they know B's ids (and try them everywhere) but not its invite code.
 */
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import type { Channel, Invite, Message, Role, Server } from "@/shared/api";
import { errorCodes } from "@/shared/api";
import { type ClientSocket, type TestClient, type TestServer, waitFor } from "../testing/harness";
import { socketFeatures } from "../realtime/features";

const PAST_U64 = "18446744073709551616";
const PAST_I64 = "9223372036854775808";

export interface World {
  t: TestServer;
  /** Who acts: A's owner and a plain member of A (both outsiders of B), and nobody. */
  actors: { name: string; client: TestClient }[];
  pools: Pools;
  /** What must never reach an actor: server B's strings and ids. */
  secrets: string[];
  refresh(): Promise<void>;
}

export interface Pools {
  serverId: string[];
  channelId: string[];
  messageId: string[];
  roleId: string[];
  userId: string[];
  code: string[];
  attachmentId: string[];
  /** Ids of B (the other server), tried everywhere an id goes. */
  otherIds: string[];
}

const tag = () => randomBytes(5).toString("hex");

/** Two servers with different owners; the fuzzing actors belong to A only. */
export async function buildWorld(t: TestServer): Promise<World> {
  const people = async (...names: string[]) => {
    const out: TestClient[] = [];
    for (const name of names) {
      const c = t.client();
      await c.signUp(name);
      out.push(c);
    }
    return out;
  };
  const [ownerA, memberA, extraA, ownerB, memberB] = await people("Alpha Owner", "Alpha Member", "Alpha Extra", "Bravo Owner", "Bravo Member");
  const secret = tag();

  const serverB = (await ownerB!.post<Server>("/api/v1/servers", { name: `Bravo ${secret}` })).body;
  const [generalB] = (await ownerB!.get<Channel[]>(`/api/v1/servers/${serverB.id}/channels`)).body;
  const channelB = (await ownerB!.post<Channel>(`/api/v1/servers/${serverB.id}/channels`, { name: `bravo-room-${secret}`, topic: `bravo topic ${secret}` })).body;
  const messageB = (await ownerB!.post<Message>(`/api/v1/channels/${channelB.id}/messages`, { content: `bravo words ${secret}` })).body;
  const roleB = (await ownerB!.post<Role>(`/api/v1/servers/${serverB.id}/roles`, { name: `Bravo role ${secret}` })).body;
  const inviteB = (await ownerB!.post<Invite>(`/api/v1/servers/${serverB.id}/invites`, {})).body;
  await memberB!.post(`/api/v1/invites/${inviteB.code}`);
  const voiceB = (await ownerB!.post<Channel>(`/api/v1/servers/${serverB.id}/channels`, { name: `bravo-voice-${secret}`, type: "audio" })).body;

  const serverA = (await ownerA!.post<Server>("/api/v1/servers", { name: "Alpha" })).body;
  const inviteA = (await ownerA!.post<Invite>(`/api/v1/servers/${serverA.id}/invites`, {})).body;
  for (const c of [memberA!, extraA!]) await c.post(`/api/v1/invites/${inviteA.code}`);
  await ownerA!.post(`/api/v1/servers/${serverA.id}/channels`, { name: "alpha-voice", type: "audio" });
  await ownerA!.post(`/api/v1/servers/${serverA.id}/channels`, { name: "Alpha Category", type: "category" });
  const [generalA] = (await ownerA!.get<Channel[]>(`/api/v1/servers/${serverA.id}/channels`)).body;
  for (const content of ["alpha one", "alpha two"]) await memberA!.post(`/api/v1/channels/${generalA!.id}/messages`, { content });
  await ownerA!.post(`/api/v1/users/@me/channels`, { recipientId: memberA!.user!.id });

  const otherIds = [serverB.id, generalB!.id, channelB.id, messageB.id, roleB.id, voiceB.id];
  const pools: Pools = {
    serverId: [serverA.id],
    channelId: [],
    messageId: [],
    roleId: [],
    userId: [ownerA!, memberA!, extraA!, ownerB!, memberB!].map((c) => c.user!.id),
    code: [inviteA.code],
    attachmentId: [],
    otherIds,
  };
  const refresh = async () => {
    const owner = ownerA!;
    const servers = (await owner.get<Server[]>("/api/v1/servers")).body;
    const serverIds = Array.isArray(servers) ? servers.map((s) => s.id) : [];
    const channels: string[] = [];
    const roles: string[] = [];
    const messages: string[] = [];
    for (const id of serverIds.slice(0, 3)) {
      const cs = (await owner.get<Channel[]>(`/api/v1/servers/${id}/channels`)).body;
      if (Array.isArray(cs)) channels.push(...cs.map((c) => c.id));
      const rs = (await owner.get<Role[]>(`/api/v1/servers/${id}/roles`)).body;
      if (Array.isArray(rs)) roles.push(...rs.map((r) => r.id));
    }
    const dms = (await owner.get<{ id: string }[]>("/api/v1/users/@me/channels")).body;
    if (Array.isArray(dms)) channels.push(...dms.map((d) => d.id));
    for (const id of channels.slice(0, 4)) {
      const ms = (await owner.get<Message[]>(`/api/v1/channels/${id}/messages?limit=20`)).body;
      if (Array.isArray(ms)) messages.push(...ms.map((m) => m.id));
    }
    pools.serverId = serverIds.length ? serverIds.slice(0, 10) : [serverA.id];
    pools.channelId = channels.slice(0, 30);
    pools.roleId = roles.slice(0, 30);
    pools.messageId = messages.slice(0, 60);
  };
  await refresh();

  const secrets = [
    secret,
    serverB.name,
    channelB.name,
    `bravo topic ${secret}`,
    messageB.content,
    roleB.name,
    ...otherIds,
  ];
  return {
    t,
    actors: [
      { name: "owner of A", client: ownerA! },
      { name: "member of A", client: memberA! },
      { name: "anonymous", client: t.client() },
    ],
    pools,
    secrets,
    refresh,
  };
}

// ---------------------------------------------------------------------------------------
// Values

/** Ids that are not ids: past the range, signs, exponents, encodings, nothing at all. */
export const garbageId = fc.oneof(
  fc.constantFrom("", "0", "-1", "1e30", "abc", "99999999999999999999", PAST_I64, PAST_U64, "9223372036854775807", "１２３", "0x1f", "1.5", " 1", "null", "@me", "😀"),
  fc.constantFrom("%00", "%", "%zz", "%25", "..", "%2e%2e", "a%2Fb", "%E2%80%AE", "a".repeat(300)),
  fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String),
  fc.string({ maxLength: 30 }),
);

/** Text a person might type, and text no one should: NUL, escapes, RTL marks, very long. */
export const nastyText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ minLength: 0, maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  fc.constantFrom("\u0000", "a\u0000b", "\u001b[31m", "\u202etxt", "\ud800", "\udfff", "<script>alert(1)</script>", "' OR 1=1 --", "%", "%00", "\r\n", "🇫🇷👩‍👩‍👧"),
  fc.constantFrom(2001, 5000, 70_000).map((n) => "x".repeat(n)),
);

const json = (depth: number) => fc.jsonValue({ maxDepth: depth });
const deep = fc.integer({ min: 50, max: 3000 }).map((n) => JSON.parse("[".repeat(n) + "]".repeat(n)) as unknown);

/** A value of the wrong kind for whatever field it lands in. */
const wrongValue = fc.oneof(fc.constant(null), fc.boolean(), fc.double(), fc.integer(), json(3), nastyText, deep, fc.constant({ __proto__: { admin: true } }));

function fieldValues(pools: Pools) {
  const pick = (key: keyof Pools) => fc.constantFrom(...(pools[key].length ? pools[key] : ["1"]));
  const id = (key: keyof Pools) => fc.oneof({ weight: 5, arbitrary: pick(key) }, { weight: 2, arbitrary: pick("otherIds") }, { weight: 2, arbitrary: garbageId });
  const good: Record<string, fc.Arbitrary<unknown>> = {
    name: fc.oneof(fc.string({ minLength: 2, maxLength: 20 }), nastyText),
    content: fc.oneof(fc.string({ minLength: 1, maxLength: 50 }), nastyText),
    nonce: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), nastyText),
    replyToId: id("messageId"),
    attachmentIds: fc.array(id("attachmentId"), { maxLength: 12 }),
    type: fc.constantFrom("text", "audio", "video", "category", "role", "member", "dm", "nope"),
    parentId: fc.oneof(fc.constant(null), id("channelId")),
    topic: fc.oneof(fc.constant(null), nastyText),
    overwrites: fc.array(fc.record({ id: fc.oneof(id("roleId"), id("userId")), type: fc.constantFrom("role", "member"), allow: fc.constantFrom("0", "1024", "8", PAST_U64), deny: fc.constantFrom("0", "1024") }), { maxLength: 3 }),
    position: fc.integer({ min: -5, max: 20_000 }),
    slowmodeSeconds: fc.integer({ min: -1, max: 30_000 }),
    roles: fc.array(id("roleId"), { maxLength: 4 }),
    timeoutUntil: fc.oneof(fc.constant(null), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), nastyText),
    nickname: fc.oneof(fc.constant(null), nastyText),
    reason: nastyText,
    deleteMessageSeconds: fc.constantFrom(0, 3600, 86400, 604800, 7, -1),
    color: fc.integer({ min: -1, max: 0x1000000 }),
    permissions: fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 66n }).map(String), garbageId),
    allow: fc.oneof(fc.constantFrom("0", "1024", "2048"), garbageId),
    deny: fc.oneof(fc.constantFrom("0", "1024"), garbageId),
    maxAge: fc.constantFrom(0, 1800, 3600, 86400, 604800, 5, -1),
    maxUses: fc.integer({ min: -1, max: 2000 }),
    confirmName: nastyText,
    icon: fc.oneof(fc.constant(null), fc.constantFrom("👍", "🎉", "x", "👍👍"), nastyText),
    ownerId: id("userId"),
    recipientId: id("userId"),
    recipientIds: fc.array(id("userId"), { maxLength: 11 }),
    allowDms: fc.boolean(),
    username: fc.oneof(fc.stringMatching(/^[a-z0-9_.]{2,32}$/), nastyText),
    about: nastyText,
    bannerColor: fc.oneof(fc.constant(null), fc.constantFrom("#5865f2", "#FFFFFF", "red", "#12345g")),
    customStatus: fc.oneof(fc.constant(null), fc.record({ text: nastyText, expiresAt: fc.oneof(fc.constant(null), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())) })),
    password: nastyText,
    code: fc.oneof(fc.stringMatching(/^\d{6}$/), nastyText),
    serverMute: fc.boolean(),
    serverDeaf: fc.boolean(),
    channelId: id("channelId"),
    action: fc.constantFrom("member.kick", "role.create", "nope"),
    email: fc.oneof(fc.emailAddress(), nastyText),
    image: fc.constantFrom("https://tracker.example/pixel.gif", "javascript:alert(1)", "/api/v1/avatars/x/y", ""),
    callbackURL: fc.constantFrom("/", "https://evil.example", "/%09/evil.example", "javascript:alert(1)"),
    token: nastyText,
    newPassword: nastyText,
    rememberMe: fc.boolean(),
    theme: fc.constantFrom("dark", "light", "system", "blue"),
    messageDisplay: fc.constantFrom("cozy", "compact", "tiny"),
    fontSize: fc.constantFrom(12, 16, 24, 13, "16"),
    serverDefault: fc.constantFrom("all", "mentions", "nothing", "loud"),
    hidePreviews: fc.boolean(),
    sound: fc.boolean(),
    level: fc.constantFrom(null, "all", "mentions", "nothing", "some"),
    mute: fc.constantFrom(null, 15, 60, 480, 1440, "forever", 30, -15, "15"),
    suppressEveryone: fc.boolean(),
    suppressRoles: fc.boolean(),
    expirationTime: fc.constantFrom(null, 0, 1_700_000_000_000, -1, "soon"),
    endpoint: fc.oneof(
      fc.constantFrom("https://push.example.com/send/fuzz", "http://push.example.com/send/fuzz", "https://127.0.0.1/push", "javascript:alert(1)", "ftp://x/y"),
      nastyText,
    ),
    keys: fc.oneof(
      fc.record({ p256dh: fc.constantFrom("B".repeat(87), "short", "B".repeat(87) + "\u0000"), auth: fc.constantFrom("A".repeat(22), "", "%%") }),
      wrongValue,
    ),
  };
  return { good, id };
}

// ---------------------------------------------------------------------------------------
// HTTP requests

export interface RouteSpec {
  method: string;
  path: string;
}

/** Every route the app answers, from Hono's own table (middleware entries left out). */
export function routesOf(t: TestServer): RouteSpec[] {
  const seen = new Map<string, RouteSpec>();
  for (const r of t.server.app.routes) {
    if (r.method === "ALL") continue;
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  }
  return [...seen.values()];
}

/** The fields each body route reads; the generator mostly sends some of these, sometimes others. */
const bodyFields: Record<string, string[]> = {
  "POST /api/v1/servers": ["name"],
  "PATCH /api/v1/servers/:serverId": ["name", "icon", "ownerId"],
  "DELETE /api/v1/servers/:serverId": ["confirmName"],
  "POST /api/v1/servers/:serverId/channels": ["name", "type", "parentId", "topic", "overwrites"],
  "POST /api/v1/servers/:serverId/invites": ["maxAge", "maxUses"],
  "POST /api/v1/servers/:serverId/roles": ["name", "color", "permissions"],
  "PATCH /api/v1/servers/:serverId/roles/:roleId": ["name", "color", "permissions"],
  "PATCH /api/v1/servers/:serverId/members/:userId": ["roles", "timeoutUntil", "nickname", "reason"],
  "DELETE /api/v1/servers/:serverId/members/:userId": ["reason"],
  "PUT /api/v1/servers/:serverId/bans/:userId": ["reason", "deleteMessageSeconds"],
  "PATCH /api/v1/servers/:serverId/voice-states/:userId": ["serverMute", "serverDeaf", "channelId"],
  "PATCH /api/v1/channels/:channelId": ["name", "topic", "parentId", "position", "slowmodeSeconds"],
  "PUT /api/v1/channels/:channelId/permissions/:targetId": ["type", "allow", "deny"],
  "POST /api/v1/channels/:channelId/messages": ["content", "nonce", "replyToId", "attachmentIds"],
  "PATCH /api/v1/channels/:channelId/messages/:messageId": ["content"],
  "PATCH /api/v1/dms/:channelId": ["name", "icon"],
  "PATCH /api/v1/users/@me": ["name", "username", "about", "bannerColor", "customStatus"],
  "PATCH /api/v1/users/@me/appearance": ["theme", "messageDisplay", "fontSize"],
  "DELETE /api/v1/users/@me": ["password", "code"],
  "POST /api/v1/users/@me/channels": ["recipientId", "recipientIds", "name"],
  "PUT /api/v1/users/@me/servers/:serverId/settings": ["allowDms"],
  "PATCH /api/v1/users/@me/notification-settings": ["serverDefault", "hidePreviews", "sound"],
  "PUT /api/v1/users/@me/notification-settings/servers/:serverId": ["level", "mute", "suppressEveryone", "suppressRoles"],
  "PUT /api/v1/users/@me/notification-settings/channels/:channelId": ["level", "mute"],
  "POST /api/v1/users/@me/push-subscriptions": ["endpoint", "keys", "expirationTime"],
  "DELETE /api/v1/users/@me/push-subscriptions": ["endpoint"],
  "POST /api/auth/*": ["email", "password", "name", "image", "callbackURL", "token", "newPassword", "code", "rememberMe"],
};

/** better-auth's paths the fuzzer tries, signed out: none of them can end the actors' sessions. */
const authPaths = [
  "sign-in/email",
  "sign-up/email",
  "get-session",
  "request-password-reset",
  "forget-password",
  "reset-password",
  "verify-email",
  "send-verification-email",
  "two-factor/verify-totp",
  "two-factor/verify-backup-code",
  "sign-in/social",
  "callback/oidc",
  "ok",
  "nope/%00",
];

const reorderBody = (pools: Pools, id: (k: keyof Pools) => fc.Arbitrary<string>, key: keyof Pools) =>
  fc.array(fc.record({ id: id(key), position: fc.integer({ min: -1, max: 1001 }), parentId: fc.option(id("channelId"), { nil: undefined }) }), { maxLength: 5 });

export interface FuzzRequest {
  actor: number;
  method: string;
  route: string;
  path: string;
  query: string;
  body?: { kind: "json"; value: unknown } | { kind: "raw"; contentType: string | null; text: string } | { kind: "multipart"; bytes: Uint8Array; filename: string };
}

function fillPath(route: string, pools: Pools, id: (k: keyof Pools) => fc.Arbitrary<string>): fc.Arbitrary<string> {
  const segments = route.split("/");
  const parts = segments.map((seg): fc.Arbitrary<string> => {
    if (seg === "*") return fc.constantFrom(...authPaths);
    if (!seg.startsWith(":")) return fc.constant(seg);
    const name = seg.slice(1);
    const key: keyof Pools =
      name === "targetId" ? "roleId" : name === "hash" || name === "filename" || name === "sessionId" ? "code" : name === "emoji" ? "code" : ((name in pools ? name : "serverId") as keyof Pools);
    const valid =
      name === "emoji"
        ? fc.constantFrom("👍", "🇫🇷", "👩‍👩‍👧", "1️⃣", "👍buy-pills", "%", "%25", "x", "%F0%9F%91%8D").map(encodeURIComponent)
        : name === "targetId"
          ? fc.oneof(id("roleId"), id("userId"))
          : name === "hash" || name === "filename" || name === "sessionId"
            ? fc.oneof(fc.stringMatching(/^[a-z0-9]{1,20}$/), garbageId)
            : id(key);
    // Raw (a stray %, ..) or encoded as a browser would.
    return fc.oneof({ weight: 4, arbitrary: valid.map((v) => (/^[\w@.%-]*$/.test(v) ? v : encodeURIComponent(v))) }, { weight: 1, arbitrary: garbageId });
  });
  return fc.tuple(...parts).map((p) => p.join("/"));
}

function queryFor(pools: Pools, id: (k: keyof Pools) => fc.Arbitrary<string>): fc.Arbitrary<string> {
  const value = fc.oneof(id("messageId"), fc.integer({ min: -5, max: 200 }).map(String), nastyText, garbageId);
  const key = fc.constantFrom("before", "after", "around", "limit", "q", "offset", "action", "userId", "username", "size", "thumb", "evil", "__proto__");
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant("") },
    { weight: 3, arbitrary: fc.array(fc.tuple(key, value), { maxLength: 3 }).map((kv) => (kv.length ? `?${new URLSearchParams(kv).toString()}` : "")) },
    { weight: 1, arbitrary: fc.constantFrom("?before=%", "?q=%00", "?limit=1e400", "?before=1&before=2", "?q=" + "a".repeat(5000)) },
  );
}

export function requestArbitrary(world: World, routes: RouteSpec[]): fc.Arbitrary<FuzzRequest> {
  const { good, id } = fieldValues(world.pools);
  const allFields = Object.keys(good);
  const oneRoute = (r: RouteSpec): fc.Arbitrary<FuzzRequest> => {
    const key = `${r.method} ${r.path}`;
    const hinted = bodyFields[key] ?? [];
    const fieldsBody = fc
      .tuple(fc.subarray(hinted.length ? hinted : allFields.slice(0, 3)), fc.subarray(allFields, { maxLength: 1 }), fc.boolean())
      .chain(([names, extra, useExtra]) => {
        const picked = [...new Set(useExtra ? [...names, ...extra] : names)];
        return fc.tuple(...picked.map((n) => fc.oneof({ weight: 4, arbitrary: good[n]! }, { weight: 1, arbitrary: wrongValue }).map((v) => [n, v] as const)));
      })
      .map((entries) => Object.fromEntries(entries) as unknown);
    const reorder = r.path.endsWith("/roles") && r.method === "PATCH" ? reorderBody(world.pools, id, "roleId") : reorderBody(world.pools, id, "channelId");
    const body: fc.Arbitrary<FuzzRequest["body"]> = fc.oneof(
      { weight: 6, arbitrary: fieldsBody.map((value) => ({ kind: "json" as const, value })) },
      { weight: r.method === "PATCH" && /\/(roles|channels)$/.test(r.path) ? 4 : 0, arbitrary: reorder.map((value) => ({ kind: "json" as const, value })) },
      { weight: 2, arbitrary: wrongValue.map((value) => ({ kind: "json" as const, value })) },
      { weight: 1, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant("raw" as const),
          contentType: fc.constantFrom("application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null),
          text: fc.oneof(fc.constantFrom("{", "{\"a\":", "null", "[]", "\u0000", "a=1&b=%", "--x\r\n\r\n--x--"), fc.string({ maxLength: 200 })),
        }),
      },
      { weight: /attachments|avatar|icon/.test(r.path) ? 3 : 0, arbitrary: fc.record({ kind: fc.constant("multipart" as const), bytes: fc.uint8Array({ maxLength: 2048 }), filename: fc.oneof(fc.constantFrom("a.png", "../../etc/passwd", "x.html", ""), nastyText) }) },
    );
    const isAuth = r.path.startsWith("/api/auth");
    return fc.record({
      // better-auth's routes are tried signed out (the last actor), so none can end a session.
      actor: isAuth ? fc.constant(world.actors.length - 1) : fc.integer({ min: 0, max: world.actors.length - 1 }),
      method: fc.constant(r.method),
      route: fc.constant(key),
      path: fillPath(r.path, world.pools, id),
      query: r.method === "GET" ? queryFor(world.pools, id) : fc.oneof({ weight: 5, arbitrary: fc.constant("") }, { weight: 1, arbitrary: queryFor(world.pools, id) }),
      body: r.method === "GET" ? fc.constant(undefined) : body,
    });
  };
  return fc.oneof(...routes.map(oneRoute));
}

export interface Outcome {
  status: number;
  text: string;
  /** A failure of the server (5xx, a dropped connection) or of a property (a leak, an unknown code). */
  problem?: string;
}

/** Sends one generated request and checks what must hold of its answer. */
export async function sendRequest(world: World, req: FuzzRequest): Promise<Outcome> {
  const client = world.actors[req.actor]!.client;
  const headers: Record<string, string> = client.cookie ? { cookie: client.cookie } : {};
  let body: BodyInit | undefined;
  if (req.body?.kind === "json") {
    headers["content-type"] = "application/json";
    body = JSON.stringify(req.body.value) ?? "null";
  } else if (req.body?.kind === "raw") {
    if (req.body.contentType) headers["content-type"] = req.body.contentType;
    body = req.body.text;
  } else if (req.body?.kind === "multipart") {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(req.body.bytes)]), req.body.filename);
    body = form;
  }
  let url: string;
  try {
    url = new URL(world.t.url + req.path + req.query).toString();
  } catch {
    return { status: 0, text: "" };
  }
  let res: Response;
  try {
    res = await fetch(url, { method: req.method, headers, body, redirect: "manual" });
  } catch (err) {
    return { status: -1, text: "", problem: `request failed: ${(err as Error).cause ?? (err as Error).message}` };
  }
  const text = await res.text();
  // An answer may echo what was asked (a username check of an id): only what was not sent is a leak.
  const sent = `${safeDecode(req.path + req.query)} ${req.body?.kind === "json" ? JSON.stringify(req.body.value) : req.body?.kind === "raw" ? req.body.text : ""}`;
  const problem = judge(world, res.status, text, sent);
  return { status: res.status, text, problem };
}

function safeDecode(s: string): string {
  try {
    return `${s} ${decodeURIComponent(s)}`;
  } catch {
    return s;
  }
}

function judge(world: World, status: number, text: string, sent: string): string | undefined {
  if (status >= 500) return `status ${status}: ${text.slice(0, 200)}`;
  const leaked = world.secrets.find((s) => text.includes(s) && !sent.includes(s));
  if (leaked) return `the other server's data in the body (${leaked}): ${text.slice(0, 300)}`;
  if (status >= 400 && text.startsWith("{")) {
    try {
      const code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
      if (code !== undefined && !(errorCodes as readonly string[]).includes(code)) return `unknown error code ${code}`;
    } catch {
      // better-auth answers in its own shape; only ours must carry a stable code
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Socket events

export interface FuzzEvent {
  actor: number;
  event: string;
  payload: unknown;
  /** Sent with no payload at all (`emit(event, ack)`). */
  bare: boolean;
}

/** Every client event some feature handles. */
export function clientEvents(): string[] {
  return [...new Set(socketFeatures.flatMap((f) => Object.keys(f.handlers ?? {})))];
}

export function eventArbitrary(world: World, events: string[], actors: number): fc.Arbitrary<FuzzEvent> {
  const { id } = fieldValues(world.pools);
  const sdp = fc.oneof(fc.constantFrom("v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", "", "v=0\u0000"), nastyText);
  const valid: Record<string, fc.Arbitrary<unknown>> = {
    ping: fc.constant(undefined),
    "typing.start": fc.record({ channelId: id("channelId") }),
    "presence.set": fc.record({ status: fc.constantFrom("online", "idle", "dnd", "invisible", "offline", "") }),
    "presence.idle": fc.constant(undefined),
    "presence.active": fc.constant(undefined),
    "voice.join": fc.record({ channelId: id("channelId"), slots: fc.subarray(["audio", "video", "screen", "screenAudio"]), selfMute: fc.boolean(), selfDeaf: fc.boolean() }, { requiredKeys: ["channelId"] }),
    "voice.leave": fc.constant(undefined),
    "voice.answer": fc.record({ sdp }),
    "voice.candidate": fc.record({ candidate: fc.record({ candidate: nastyText, sdpMid: fc.option(fc.constantFrom("0", "1"), { nil: null }), sdpMLineIndex: fc.option(fc.integer({ min: -1, max: 100 }), { nil: null }) }) }),
    "voice.publish": fc.record({ slot: fc.constantFrom("audio", "video", "screen", "screenAudio", "nope") }),
    "voice.unpublish": fc.record({ slot: fc.constantFrom("audio", "video", "screen", "screenAudio", "nope") }),
    "voice.update": fc.record({ selfMute: fc.boolean(), selfDeaf: fc.boolean(), camera: fc.boolean(), screen: fc.boolean() }, { requiredKeys: [] }),
    "voice.speaking": fc.record({ speaking: fc.boolean() }),
  };
  const withExtra = (a: fc.Arbitrary<unknown>) =>
    a.chain((v) => (v && typeof v === "object" ? fc.tuple(fc.string({ maxLength: 8 }), wrongValue).map(([k, x]) => ({ ...(v as object), [k || "extra"]: x })) : fc.constant(v)));
  return fc.record({
    actor: fc.integer({ min: 0, max: actors - 1 }),
    event: fc.constantFrom(...events),
    bare: fc.boolean(),
  }).chain(({ actor, event, bare }) =>
    fc
      .oneof(
        { weight: 5, arbitrary: valid[event] ?? fc.constant(undefined) },
        { weight: 1, arbitrary: withExtra(valid[event] ?? fc.constant({})) },
        { weight: 2, arbitrary: wrongValue },
        { weight: 1, arbitrary: fc.constant("x".repeat(20_000)) },
      )
      .map((payload) => ({ actor, event, payload, bare: bare && payload === undefined })),
  );
}

/** Emits one generated event with an ack and checks the ack and the socket. */
export async function sendEvent(world: World, sockets: ClientSocket[], ev: FuzzEvent): Promise<Outcome> {
  const socket = sockets[ev.actor]!;
  if (!socket.connected) return { status: -1, text: "", problem: "socket disconnected before the event" };
  // voice.speaking is volatile: past its own rate the flood guard drops it without an answer.
  const silent = ev.event === "voice.speaking";
  const timed = socket.timeout(silent ? 2_000 : 30_000);
  const emit = (timed.emit as unknown as (event: string, ...args: unknown[]) => void).bind(timed);
  const ack = await new Promise<unknown>((resolve) => {
    const done = (err: Error | null, result?: unknown) => resolve(err ? { timedOut: true } : result);
    if (ev.bare) emit(ev.event, done);
    else emit(ev.event, ev.payload, done);
  });
  const text = JSON.stringify(ack) ?? "";
  const timedOut = (ack as { timedOut?: boolean })?.timedOut === true;
  const code = (ack as { error?: { code?: string } })?.error?.code;
  let problem: string | undefined;
  if (code === "INTERNAL") problem = `INTERNAL ack: ${text}`;
  else if (timedOut && !silent) problem = "no ack within 30 s";
  else if (!socket.connected) problem = "the socket was disconnected";
  else {
    const leaked = world.secrets.find((s) => text.includes(s));
    if (leaked) problem = `the other server's data in an ack (${leaked})`;
  }
  const status = code === undefined ? (timedOut ? 0 : 200) : 400;
  return { status, text, problem };
}

/** Sockets for the signed-in actors; everything they receive is checked for B's data. */
export async function actorSockets(world: World): Promise<{ sockets: ClientSocket[]; received: string[] }> {
  const received: string[] = [];
  const sockets: ClientSocket[] = [];
  for (const { client } of world.actors.filter((a) => a.client.cookie)) {
    const s = await client.socket();
    s.onAny((event: string, ...args: unknown[]) => received.push(`${event} ${JSON.stringify(args)}`));
    sockets.push(s);
  }
  await waitFor(() => sockets.every((s) => s.connected));
  return { sockets, received };
}

// ---------------------------------------------------------------------------------------
// Running and reporting

export interface Tally {
  total: number;
  byStatus: Map<number, number>;
  failures: { what: string; problem: string }[];
  /** Events that got no answer in time (status 0). */
  unanswered: string[];
}

export const newTally = (): Tally => ({ total: 0, byStatus: new Map(), failures: [], unanswered: [] });

export function record(tally: Tally, what: string, outcome: Outcome) {
  tally.total++;
  tally.byStatus.set(outcome.status, (tally.byStatus.get(outcome.status) ?? 0) + 1);
  if (outcome.problem) tally.failures.push({ what, problem: outcome.problem });
  if (outcome.status === 0) tally.unanswered.push(what);
}

/** Runs `items` through `run`, `concurrency` at a time. */
export async function pool<T>(items: T[], concurrency: number, run: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        await run(items[i]!, i);
      }
    }),
  );
}

export function describeRequest(req: FuzzRequest): string {
  const body = req.body === undefined ? "" : req.body.kind === "json" ? JSON.stringify(req.body.value)?.slice(0, 200) : req.body.kind === "raw" ? `${req.body.contentType}: ${JSON.stringify(req.body.text.slice(0, 100))}` : `multipart ${req.body.bytes.length} bytes`;
  return `${req.method} ${req.path}${req.query.slice(0, 100)} as actor ${req.actor} ${body}`;
}

export function table(title: string, tally: Tally): string {
  const statuses = [...tally.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`).join(", ");
  return `${title.padEnd(16)} ${String(tally.total).padStart(6)}   by status: ${statuses}   failures: ${tally.failures.length}`;
}
