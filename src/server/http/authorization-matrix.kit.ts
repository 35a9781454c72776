/**
 * What the authorization matrix's rows are written with: the personas' expected
 * permissions, the cell shapes, and small helpers to attempt a route or trigger an event.
 */
import { MEMBER_PERSONAS, PERSONA_NAMES, type PersonaName, type PersonaServer, createPersonaServer, expectStatus, freshChannel, signUpPerson } from "../testing/personas";
import { ALL_PERMISSIONS, DefaultRolePermissions, Permission, has } from "@/shared/permissions";
import type { Channel, DmChannel, ErrorCode, Message } from "@/shared/api";
import type { ServerToClientEvents } from "@/shared/events";
import type { Reply, TestClient, TestServer } from "../testing/harness";

// ---- expectations -----------------------------------------------------------------

export type MemberPersona = (typeof MEMBER_PERSONAS)[number];

/** What each member persona holds with the default roles: Administrator and the owner hold everything. */
export const held: Record<MemberPersona, bigint> = {
  owner: ALL_PERMISSIONS,
  admin: ALL_PERMISSIONS,
  moderator: DefaultRolePermissions.everyone | DefaultRolePermissions.moderator,
  member: DefaultRolePermissions.everyone,
  // A timed-out member keeps only view and read history.
  timedOut: DefaultRolePermissions.everyone & (Permission.ViewChannel | Permission.ReadMessageHistory),
};

export interface HttpCell {
  status: number;
  /** Stated where the reason is the point (hierarchy, owner only, banned). */
  code?: ErrorCode;
}
export type SocketCell = "yes" | "no" | "refused";
export type Expectation<C> = Record<PersonaName, C>;

export const hierarchy: HttpCell = { status: 403, code: "ROLE_HIERARCHY" };
export const ownerOnly: HttpCell = { status: 403, code: "OWNER_ONLY" };
export const forbidden: HttpCell = { status: 403 };

/**
 * Members holding `flag` (null: any member) get `ok`, other members 403; people outside
 * the server (never joined, or banned) 403; the anonymous 401. Exceptions are explicit.
 */
export function byPermission(ok: number, flag: bigint | null, exceptions: Partial<Expectation<HttpCell>> = {}): Expectation<HttpCell> {
  const cell = (p: PersonaName): HttpCell => {
    if (p === "anonymous") return { status: 401 };
    if (p === "nonMember" || p === "banned") return forbidden;
    return { status: flag === null || has(held[p], flag) ? ok : 403 };
  };
  return Object.fromEntries(PERSONA_NAMES.map((p) => [p, exceptions[p] ?? cell(p)])) as Expectation<HttpCell>;
}

/** Socket deliveries: who is in the room when the event goes out. */
export function receivers(yes: readonly PersonaName[]): Expectation<SocketCell> {
  return Object.fromEntries(PERSONA_NAMES.map((p) => [p, p === "anonymous" ? "refused" : yes.includes(p) ? "yes" : "no"])) as Expectation<SocketCell>;
}

// ---- the rows -------------------------------------------------------------------------

export interface Ctx {
  t: TestServer;
  w: PersonaServer;
  /** Everyone denied View Channel; the Moderator role allowed. */
  privateChannel: Channel;
  /** A plain member that non-destructive member actions (timeout, nickname) act on. */
  bystanderId: string;
}

export interface HttpRow {
  kind: "http";
  method: string;
  path: string;
  what: string;
  expected: Expectation<HttpCell>;
  /** Prepares fresh targets as the owner, then makes the one request being judged. */
  attempt(c: Ctx, as: PersonaName): Promise<Reply>;
}

export type SocketEvent = keyof ServerToClientEvents;

export interface SocketRow {
  kind: "socket";
  event: SocketEvent;
  what: string;
  expected: Expectation<SocketCell>;
  /** Acts (as the owner) and returns how to recognise the resulting event. */
  trigger(c: Ctx): Promise<(payload: unknown) => boolean>;
}

export type Row = HttpRow | SocketRow;

export const call = (c: Ctx, as: PersonaName, method: string, path: string, body?: unknown) =>
  c.w.people[as].request(method, `/api/v1${path}`, body);
export const srv = (c: Ctx) => `/servers/${c.w.server.id}`;
export const idOf = (c: Ctx, p: PersonaName) => c.w.people[p].user!.id;

export function http(method: string, path: string, what: string, expected: Expectation<HttpCell>, attempt: HttpRow["attempt"]): HttpRow {
  return { kind: "http", method, path, what, expected, attempt };
}

/** A fresh member sitting in a fresh voice room (`private`: the private channel's overwrites), for one attempt. */
export async function inVoice(c: Ctx, opts: { private?: boolean; as?: TestClient } = {}): Promise<{ userId: string; channelId: string }> {
  const extra = opts.private ? { overwrites: privateOverwrites(c.w) } : {};
  const channel = await freshChannel(c.w, { name: "voice", type: "audio", ...extra });
  const person = opts.as ?? (await signUpPerson(c.t, "Caller"));
  if (!opts.as) expectStatus(await person.post(`/api/v1/invites/${c.w.inviteCode}`), 200, "join");
  const ack = await (await person.socket()).emitWithAck("voice.join", { channelId: channel.id, slots: [] });
  if (!ack.ok) throw new Error(`voice join failed: ${ack.error.code}`);
  return { userId: person.user!.id, channelId: channel.id };
}

/** A server of its own for one attempt that may end a membership or the server itself. */
export const smallServer = (c: Ctx, as: PersonaName, extra: PersonaName[] = []) =>
  createPersonaServer(c.t, c.w.people, { name: "Small Guild", include: [as, ...extra] });

export const privateOverwrites = (w: PersonaServer) => [
  { id: w.roles.everyone, type: "role", deny: Permission.ViewChannel.toString() },
  { id: w.roles.moderator, type: "role", allow: Permission.ViewChannel.toString() },
];

/** Who sees the private channel: the Moderator role, the roles above it and the owner. */
export const privateViewers = ["owner", "admin", "moderator"] as const satisfies readonly PersonaName[];

let sent = 0;
export const sendAsOwner = async (c: Ctx, channelId: string) => {
  const content = `matrix message ${++sent}`;
  const reply = await call(c, "owner", "POST", `/channels/${channelId}/messages`, { content });
  return expectStatus(reply as Reply<Message>, 201, "owner sends");
};

export const P = Permission;

// ---- conversations ----------------------------------------------------------------

/** Only a conversation's people get `ok`; to everyone else it does not exist (404); the anonymous 401. */
export function inConversation(ok: number, participants: readonly PersonaName[], exceptions: Partial<Expectation<HttpCell>> = {}): Expectation<HttpCell> {
  const cell = (p: PersonaName): HttpCell => (p === "anonymous" ? { status: 401 } : { status: participants.includes(p) ? ok : 404 });
  return Object.fromEntries(PERSONA_NAMES.map((p) => [p, exceptions[p] ?? cell(p)])) as Expectation<HttpCell>;
}

/** A fresh group conversation the owner starts with these personas; returns its channel id. */
export async function freshGroup(c: Ctx, others: readonly PersonaName[]): Promise<string> {
  const reply = await call(c, "owner", "POST", "/users/@me/channels", { recipientIds: others.map((p) => idOf(c, p)) });
  return expectStatus(reply as Reply<DmChannel>, 201, "start a group").id;
}

/** Puts a persona in a conversation's call room (starting the call first if none is open). */
export async function inCall(c: Ctx, as: PersonaName, channelId: string): Promise<void> {
  const socket = await c.w.people[as].socket();
  const started = await socket.emitWithAck("call.start", { channelId });
  if (!started.ok) throw new Error(`call start failed: ${started.error.code}`);
  const ack = await socket.emitWithAck("voice.join", { channelId, slots: [] });
  if (!ack.ok) throw new Error(`call join failed: ${ack.error.code}`);
}
