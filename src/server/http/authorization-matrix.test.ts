/**
 * The authorization matrix: every route and socket event of servers, channels, roles,
 * members, bans, invites, the audit log and messages, tried as each of eight personas,
 * with the exact status each must get. Expectations are written from Discord's rules
 * (DESIGN section 7), not read from the server's code; the table in
 * docs/authorization-matrix.md is generated from them, and this file fails when that
 * table is out of date (UPDATE_DOCS=1 rewrites it).
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, ErrorCode, Message } from "@/shared/api";
import type { ServerToClientEvents } from "@/shared/events";
import { ALL_PERMISSIONS, DefaultRolePermissions, Permission, has } from "@/shared/permissions";
import { testDatabaseKinds } from "../testing/databases";
import { type ClientSocket, type Reply, type TestServer, startTestServer, waitFor } from "../testing/harness";
import {
  MEMBER_PERSONAS,
  PERSONA_NAMES,
  type PersonaName,
  type PersonaServer,
  createPersonaServer,
  expectStatus,
  freshChannel,
  freshInvite,
  freshMember,
  freshRole,
  signUpPeople,
  signUpPerson,
  timeoutUntil,
} from "../testing/personas";

// ---- expectations -----------------------------------------------------------------

type MemberPersona = (typeof MEMBER_PERSONAS)[number];

/** What each member persona holds with the default roles: Administrator and the owner hold everything. */
const held: Record<MemberPersona, bigint> = {
  owner: ALL_PERMISSIONS,
  admin: ALL_PERMISSIONS,
  moderator: DefaultRolePermissions.everyone | DefaultRolePermissions.moderator,
  member: DefaultRolePermissions.everyone,
  // A timed-out member keeps only view and read history.
  timedOut: DefaultRolePermissions.everyone & (Permission.ViewChannel | Permission.ReadMessageHistory),
};

interface HttpCell {
  status: number;
  /** Stated where the reason is the point (hierarchy, owner only, banned). */
  code?: ErrorCode;
}
type SocketCell = "yes" | "no" | "refused";
type Expectation<C> = Record<PersonaName, C>;

const hierarchy: HttpCell = { status: 403, code: "ROLE_HIERARCHY" };
const ownerOnly: HttpCell = { status: 403, code: "OWNER_ONLY" };
const forbidden: HttpCell = { status: 403 };

/**
 * Members holding `flag` (null: any member) get `ok`, other members 403; people outside
 * the server (never joined, or banned) 403; the anonymous 401. Exceptions are explicit.
 */
function byPermission(ok: number, flag: bigint | null, exceptions: Partial<Expectation<HttpCell>> = {}): Expectation<HttpCell> {
  const cell = (p: PersonaName): HttpCell => {
    if (p === "anonymous") return { status: 401 };
    if (p === "nonMember" || p === "banned") return forbidden;
    return { status: flag === null || has(held[p], flag) ? ok : 403 };
  };
  return Object.fromEntries(PERSONA_NAMES.map((p) => [p, exceptions[p] ?? cell(p)])) as Expectation<HttpCell>;
}

/** Socket deliveries: who is in the room when the event goes out. */
function receivers(yes: readonly PersonaName[]): Expectation<SocketCell> {
  return Object.fromEntries(PERSONA_NAMES.map((p) => [p, p === "anonymous" ? "refused" : yes.includes(p) ? "yes" : "no"])) as Expectation<SocketCell>;
}

// ---- the rows -------------------------------------------------------------------------

interface Ctx {
  t: TestServer;
  w: PersonaServer;
  /** Everyone denied View Channel; the Moderator role allowed. */
  privateChannel: Channel;
  /** A plain member that non-destructive member actions (timeout, nickname) act on. */
  bystanderId: string;
}

interface HttpRow {
  kind: "http";
  method: string;
  path: string;
  what: string;
  expected: Expectation<HttpCell>;
  /** Prepares fresh targets as the owner, then makes the one request being judged. */
  attempt(c: Ctx, as: PersonaName): Promise<Reply>;
}

type SocketEvent = keyof ServerToClientEvents;

interface SocketRow {
  kind: "socket";
  event: SocketEvent;
  what: string;
  expected: Expectation<SocketCell>;
  /** Acts (as the owner) and returns how to recognise the resulting event. */
  trigger(c: Ctx): Promise<(payload: unknown) => boolean>;
}

type Row = HttpRow | SocketRow;

const call = (c: Ctx, as: PersonaName, method: string, path: string, body?: unknown) =>
  c.w.people[as].request(method, `/api/v1${path}`, body);
const srv = (c: Ctx) => `/servers/${c.w.server.id}`;
const idOf = (c: Ctx, p: PersonaName) => c.w.people[p].user!.id;

function http(method: string, path: string, what: string, expected: Expectation<HttpCell>, attempt: HttpRow["attempt"]): HttpRow {
  return { kind: "http", method, path, what, expected, attempt };
}

/** A server of its own for one attempt that may end a membership or the server itself. */
const smallServer = (c: Ctx, as: PersonaName, extra: PersonaName[] = []) =>
  createPersonaServer(c.t, c.w.people, { name: "Small Guild", include: [as, ...extra] });

const privateOverwrites = (w: PersonaServer) => [
  { id: w.roles.everyone, type: "role", deny: Permission.ViewChannel.toString() },
  { id: w.roles.moderator, type: "role", allow: Permission.ViewChannel.toString() },
];

/** Who sees the private channel: the Moderator role, the roles above it and the owner. */
const privateViewers = ["owner", "admin", "moderator"] as const satisfies readonly PersonaName[];

let sent = 0;
const sendAsOwner = async (c: Ctx, channelId: string) => {
  const content = `matrix message ${++sent}`;
  const reply = await call(c, "owner", "POST", `/channels/${channelId}/messages`, { content });
  return expectStatus(reply as Reply<Message>, 201, "owner sends");
};

const P = Permission;

const rows: Row[] = [
  // servers
  http("GET", "/servers/:serverId", "read the server", byPermission(200, null), (c, as) => call(c, as, "GET", srv(c))),
  http("PATCH", "/servers/:serverId", "rename it", byPermission(200, P.ManageServer), (c, as) =>
    call(c, as, "PATCH", srv(c), { name: c.w.server.name }),
  ),
  http(
    "PATCH",
    "/servers/:serverId",
    "transfer ownership to the member (own server per attempt)",
    byPermission(200, null, { admin: ownerOnly, moderator: ownerOnly, member: ownerOnly, timedOut: ownerOnly }),
    async (c, as) => {
      const small = await smallServer(c, as, ["member"]);
      return call(c, as, "PATCH", `/servers/${small.server.id}`, { ownerId: idOf(c, "member") });
    },
  ),
  http(
    "DELETE",
    "/servers/:serverId",
    "delete it, name typed (own server per attempt)",
    byPermission(204, null, { admin: ownerOnly, moderator: ownerOnly, member: ownerOnly, timedOut: ownerOnly }),
    async (c, as) => {
      const small = await smallServer(c, as);
      return call(c, as, "DELETE", `/servers/${small.server.id}`, { confirmName: small.server.name });
    },
  ),
  http(
    "DELETE",
    "/users/@me/servers/:serverId",
    "leave (own server per attempt)",
    // The owner must transfer ownership or delete the server instead.
    byPermission(204, null, { owner: { status: 400 } }),
    async (c, as) => call(c, as, "DELETE", `/users/@me/servers/${(await smallServer(c, as)).server.id}`),
  ),

  // channels
  http("GET", "/servers/:serverId/channels", "list channels", byPermission(200, null), (c, as) => call(c, as, "GET", `${srv(c)}/channels`)),
  http("POST", "/servers/:serverId/channels", "create a text channel", byPermission(201, P.ManageChannels), (c, as) =>
    call(c, as, "POST", `${srv(c)}/channels`, { name: `by-${as}`, type: "text" }),
  ),
  http(
    "POST",
    "/servers/:serverId/channels",
    "create a private channel (with overwrites)",
    byPermission(201, P.ManageChannels | P.ManageRoles),
    (c, as) => call(c, as, "POST", `${srv(c)}/channels`, { name: `private-by-${as}`, overwrites: privateOverwrites(c.w) }),
  ),
  http("PATCH", "/servers/:serverId/channels", "reorder channels", byPermission(204, P.ManageChannels), async (c, as) => {
    const channel = await freshChannel(c.w);
    return call(c, as, "PATCH", `${srv(c)}/channels`, [{ id: channel.id, position: 100 }]);
  }),
  http("PATCH", "/channels/:channelId", "edit a channel's topic", byPermission(200, P.ManageChannels), async (c, as) =>
    call(c, as, "PATCH", `/channels/${(await freshChannel(c.w)).id}`, { topic: `set by ${as}` }),
  ),
  http("DELETE", "/channels/:channelId", "delete a fresh channel", byPermission(204, P.ManageChannels), async (c, as) =>
    call(c, as, "DELETE", `/channels/${(await freshChannel(c.w)).id}`),
  ),
  http(
    "PUT",
    "/channels/:channelId/permissions/:targetId",
    "deny everyone Add Reactions on a fresh channel",
    byPermission(204, P.ManageRoles),
    async (c, as) => {
      const channel = await freshChannel(c.w);
      const body = { type: "role", allow: "0", deny: P.AddReactions.toString() };
      return call(c, as, "PUT", `/channels/${channel.id}/permissions/${c.w.roles.everyone}`, body);
    },
  ),
  http(
    "DELETE",
    "/channels/:channelId/permissions/:targetId",
    "remove everyone's overwrite on a fresh channel",
    byPermission(204, P.ManageRoles),
    async (c, as) => {
      const overwrites = [{ id: c.w.roles.everyone, type: "role", deny: P.AddReactions.toString() }];
      const channel = await freshChannel(c.w, { overwrites });
      return call(c, as, "DELETE", `/channels/${channel.id}/permissions/${c.w.roles.everyone}`);
    },
  ),

  // messages
  http("GET", "/channels/:channelId/messages", "read #general", byPermission(200, P.ReadMessageHistory), (c, as) =>
    call(c, as, "GET", `/channels/${c.w.general.id}/messages`),
  ),
  http("POST", "/channels/:channelId/messages", "send in #general", byPermission(201, P.SendMessages), (c, as) =>
    call(c, as, "POST", `/channels/${c.w.general.id}/messages`, { content: `hello from ${as}` }),
  ),
  http(
    "GET",
    "/channels/:channelId/messages",
    "read the private channel",
    byPermission(200, P.ReadMessageHistory, { member: forbidden, timedOut: forbidden }),
    (c, as) => call(c, as, "GET", `/channels/${c.privateChannel.id}/messages`),
  ),
  http(
    "POST",
    "/channels/:channelId/messages",
    "send in the private channel",
    byPermission(201, P.SendMessages, { member: forbidden }),
    (c, as) => call(c, as, "POST", `/channels/${c.privateChannel.id}/messages`, { content: `psst from ${as}` }),
  ),

  // roles
  http("GET", "/servers/:serverId/roles", "list roles", byPermission(200, null), (c, as) => call(c, as, "GET", `${srv(c)}/roles`)),
  http("POST", "/servers/:serverId/roles", "create a role", byPermission(201, P.ManageRoles), (c, as) =>
    call(c, as, "POST", `${srv(c)}/roles`, { name: `by ${as}` }),
  ),
  http("PATCH", "/servers/:serverId/roles", "reorder two fresh roles", byPermission(200, P.ManageRoles), async (c, as) => {
    const older = await freshRole(c.w, "older");
    await freshRole(c.w, "newer"); // lands at position 1 and lifts the older one to 2
    return call(c, as, "PATCH", `${srv(c)}/roles`, [{ id: older, position: 1 }]);
  }),
  http(
    "PATCH",
    "/servers/:serverId/roles",
    "move a fresh role to the top",
    byPermission(200, P.ManageRoles, { admin: hierarchy }),
    async (c, as) => call(c, as, "PATCH", `${srv(c)}/roles`, [{ id: await freshRole(c.w), position: 1000 }]),
  ),
  http("PATCH", "/servers/:serverId/roles/:roleId", "rename a fresh role", byPermission(200, P.ManageRoles), async (c, as) =>
    call(c, as, "PATCH", `${srv(c)}/roles/${await freshRole(c.w)}`, { name: `renamed by ${as}` }),
  ),
  http(
    "PATCH",
    "/servers/:serverId/roles/:roleId",
    "recolor the Admin role",
    byPermission(200, P.ManageRoles, { admin: hierarchy }),
    (c, as) => call(c, as, "PATCH", `${srv(c)}/roles/${c.w.roles.admin}`, { color: 0xe74c3c }),
  ),
  http("DELETE", "/servers/:serverId/roles/:roleId", "delete a fresh role", byPermission(204, P.ManageRoles), async (c, as) =>
    call(c, as, "DELETE", `${srv(c)}/roles/${await freshRole(c.w)}`),
  ),

  // members
  http("GET", "/servers/:serverId/members", "list members", byPermission(200, null), (c, as) => call(c, as, "GET", `${srv(c)}/members`)),
  http(
    "PATCH",
    "/servers/:serverId/members/:userId",
    "give a fresh member a fresh role",
    byPermission(200, P.ManageRoles),
    async (c, as) => {
      const [role, target] = [await freshRole(c.w), await freshMember(c.t, c.w)];
      return call(c, as, "PATCH", `${srv(c)}/members/${target}`, { roles: [role] });
    },
  ),
  http(
    "PATCH",
    "/servers/:serverId/members/:userId",
    "give a fresh member the Moderator role",
    byPermission(200, P.ManageRoles),
    async (c, as) => call(c, as, "PATCH", `${srv(c)}/members/${await freshMember(c.t, c.w)}`, { roles: [c.w.roles.moderator] }),
  ),
  http(
    "PATCH",
    "/servers/:serverId/members/:userId",
    "give a fresh member the Admin role",
    byPermission(200, P.ManageRoles, { admin: hierarchy }),
    async (c, as) => call(c, as, "PATCH", `${srv(c)}/members/${await freshMember(c.t, c.w)}`, { roles: [c.w.roles.admin] }),
  ),
  http(
    "PATCH",
    "/servers/:serverId/members/:userId",
    "time out a plain member",
    byPermission(200, P.ModerateMembers),
    (c, as) => call(c, as, "PATCH", `${srv(c)}/members/${c.bystanderId}`, { timeoutUntil: timeoutUntil() }),
  ),
  http(
    "PATCH",
    "/servers/:serverId/members/:userId",
    "time out a fresh member holding Moderator",
    byPermission(200, P.ModerateMembers, { moderator: hierarchy }),
    async (c, as) =>
      call(c, as, "PATCH", `${srv(c)}/members/${await freshMember(c.t, c.w, c.w.roles.moderator)}`, { timeoutUntil: timeoutUntil() }),
  ),
  http(
    "PATCH",
    "/servers/:serverId/members/:userId",
    "set a plain member's nickname",
    byPermission(200, P.ManageNicknames),
    (c, as) => call(c, as, "PATCH", `${srv(c)}/members/${c.bystanderId}`, { nickname: `named by ${as}` }),
  ),
  http(
    "PATCH",
    "/servers/:serverId/members/:userId",
    "set one's own nickname",
    byPermission(200, P.ChangeNickname),
    // The anonymous person has no id of their own; any id does, they are refused first.
    (c, as) => call(c, as, "PATCH", `${srv(c)}/members/${idOf(c, as === "anonymous" ? "member" : as)}`, { nickname: `I am ${as}` }),
  ),
  http("DELETE", "/servers/:serverId/members/:userId", "kick a fresh plain member", byPermission(204, P.KickMembers), async (c, as) =>
    call(c, as, "DELETE", `${srv(c)}/members/${await freshMember(c.t, c.w)}`),
  ),
  http(
    "DELETE",
    "/servers/:serverId/members/:userId",
    "kick a fresh member holding Moderator",
    byPermission(204, P.KickMembers, { moderator: hierarchy }),
    async (c, as) => call(c, as, "DELETE", `${srv(c)}/members/${await freshMember(c.t, c.w, c.w.roles.moderator)}`),
  ),
  http(
    "DELETE",
    "/servers/:serverId/members/:userId",
    "kick a fresh member holding Admin",
    byPermission(204, P.KickMembers, { admin: hierarchy, moderator: hierarchy }),
    async (c, as) => call(c, as, "DELETE", `${srv(c)}/members/${await freshMember(c.t, c.w, c.w.roles.admin)}`),
  ),
  http(
    "DELETE",
    "/servers/:serverId/members/:userId",
    "kick the owner (own server per attempt)",
    // Nobody stands above the owner; the owner leaves only by transfer or deletion.
    byPermission(204, P.KickMembers, { owner: { status: 400 }, admin: hierarchy, moderator: hierarchy }),
    async (c, as) => call(c, as, "DELETE", `/servers/${(await smallServer(c, as)).server.id}/members/${idOf(c, "owner")}`),
  ),

  // bans
  http("GET", "/servers/:serverId/bans", "list bans", byPermission(200, P.BanMembers), (c, as) => call(c, as, "GET", `${srv(c)}/bans`)),
  http("PUT", "/servers/:serverId/bans/:userId", "ban a fresh plain member", byPermission(204, P.BanMembers), async (c, as) =>
    call(c, as, "PUT", `${srv(c)}/bans/${await freshMember(c.t, c.w)}`, { reason: `by ${as}` }),
  ),
  http(
    "PUT",
    "/servers/:serverId/bans/:userId",
    "ban a fresh member holding Admin",
    byPermission(204, P.BanMembers, { admin: hierarchy }),
    async (c, as) => call(c, as, "PUT", `${srv(c)}/bans/${await freshMember(c.t, c.w, c.w.roles.admin)}`, {}),
  ),
  http("DELETE", "/servers/:serverId/bans/:userId", "unban a freshly banned person", byPermission(204, P.BanMembers), async (c, as) => {
    const person = (await signUpPerson(c.t, "Banned target")).user!.id;
    expectStatus(await call(c, "owner", "PUT", `${srv(c)}/bans/${person}`, {}), 204, "ban a target");
    return call(c, as, "DELETE", `${srv(c)}/bans/${person}`);
  }),

  // invites
  http("GET", "/servers/:serverId/invites", "list invites", byPermission(200, P.ManageServer), (c, as) =>
    call(c, as, "GET", `${srv(c)}/invites`),
  ),
  http("POST", "/servers/:serverId/invites", "create an invite", byPermission(201, P.CreateInvite), (c, as) =>
    call(c, as, "POST", `${srv(c)}/invites`, {}),
  ),
  http(
    "GET",
    "/invites/:code",
    "preview an invite",
    // Public, like Discord's invite page.
    byPermission(200, null, { nonMember: { status: 200 }, banned: { status: 200 }, anonymous: { status: 200 } }),
    async (c, as) => call(c, as, "GET", `/invites/${await freshInvite(c.w)}`),
  ),
  http(
    "POST",
    "/invites/:code",
    "join through a fresh invite",
    // Members are already in (nothing changes); a ban survives every invite.
    byPermission(200, null, { nonMember: { status: 200 }, banned: { status: 403, code: "BANNED" } }),
    async (c, as) => {
      const reply = await call(c, as, "POST", `/invites/${await freshInvite(c.w)}`);
      // Put the non-member back outside, so later attempts still see a non-member.
      if (as === "nonMember" && reply.status === 200) {
        expectStatus(await call(c, "owner", "DELETE", `${srv(c)}/members/${idOf(c, as)}`), 204, "kick the non-member back out");
      }
      return reply;
    },
  ),
  http(
    "POST",
    "/invites/:code",
    "join through a revoked invite",
    // A clear error for everyone signed in; the invite is checked before the ban.
    Object.fromEntries(PERSONA_NAMES.map((p) => [p, p === "anonymous" ? { status: 401 } : { status: 404, code: "INVITE_INVALID" }])) as Expectation<HttpCell>,
    async (c, as) => {
      const code = await freshInvite(c.w);
      expectStatus(await call(c, "owner", "DELETE", `/invites/${code}`), 204, "revoke an invite");
      return call(c, as, "POST", `/invites/${code}`);
    },
  ),
  http("DELETE", "/invites/:code", "revoke the owner's invite", byPermission(204, P.ManageServer), async (c, as) =>
    call(c, as, "DELETE", `/invites/${await freshInvite(c.w)}`),
  ),

  // audit log
  http("GET", "/servers/:serverId/audit-log", "read the audit log", byPermission(200, P.ViewAuditLog), (c, as) =>
    call(c, as, "GET", `${srv(c)}/audit-log`),
  ),

  // socket events (each persona's socket connected before the action; the owner acts)
  {
    kind: "socket",
    event: "message.created",
    what: "a message in #general",
    expected: receivers(MEMBER_PERSONAS),
    trigger: async (c) => {
      const message = await sendAsOwner(c, c.w.general.id);
      return (p) => (p as { message: Message }).message.id === message.id;
    },
  },
  {
    kind: "socket",
    event: "channel.created",
    what: "a new public channel",
    expected: receivers(MEMBER_PERSONAS),
    trigger: async (c) => {
      const channel = await freshChannel(c.w, { name: "public-news" });
      return (p) => (p as { channel: Channel }).channel.id === channel.id;
    },
  },
  {
    kind: "socket",
    event: "channel.created",
    what: "a new private channel (everyone denied View, Moderator allowed)",
    expected: receivers(privateViewers),
    trigger: async (c) => {
      const channel = await freshChannel(c.w, { name: "private-news", overwrites: privateOverwrites(c.w) });
      return (p) => (p as { channel: Channel }).channel.id === channel.id;
    },
  },
  {
    kind: "socket",
    event: "message.created",
    what: "a message in the private channel",
    expected: receivers(privateViewers),
    trigger: async (c) => {
      const message = await sendAsOwner(c, c.privateChannel.id);
      return (p) => (p as { message: Message }).message.id === message.id;
    },
  },
];

// ---- the table in the docs ----------------------------------------------------------

const COLUMNS: Record<PersonaName, string> = {
  owner: "owner",
  admin: "admin",
  moderator: "moderator",
  member: "member",
  timedOut: "timed out",
  nonMember: "non-member",
  banned: "banned",
  anonymous: "anonymous",
};

const renderCell = (cell: HttpCell | SocketCell) => (typeof cell === "string" ? cell : cell.code ? `${cell.status} ${cell.code}` : `${cell.status}`);
const rowTitle = (row: Row) => (row.kind === "http" ? `\`${row.method} ${row.path}\`` : `socket \`${row.event}\``);

function renderMatrix(): string {
  const header = `| route or event | attempt | ${PERSONA_NAMES.map((p) => COLUMNS[p]).join(" | ")} |`;
  const rule = `|${" --- |".repeat(PERSONA_NAMES.length + 2)}`;
  const lines = rows.map((row) => {
    const cells = PERSONA_NAMES.map((p) => renderCell(row.expected[p]));
    return `| ${rowTitle(row)} | ${row.what} | ${cells.join(" | ")} |`;
  });
  const size = `${rows.length} rows × ${PERSONA_NAMES.length} personas = ${rows.length * PERSONA_NAMES.length} cells.`;
  return [header, rule, ...lines, "", size, ""].join("\n");
}

const DOC = fileURLToPath(new URL("../../../docs/authorization-matrix.md", import.meta.url));
const START = "<!-- authorization-matrix:start (generated by src/server/http/authorization-matrix.test.ts) -->";
const END = "<!-- authorization-matrix:end -->";

describe("authorization matrix docs", () => {
  it("docs/authorization-matrix.md shows the matrix this file checks", () => {
    const section = `${START}\n${renderMatrix()}${END}`;
    const text = fs.existsSync(DOC) ? fs.readFileSync(DOC, "utf8") : "";
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    if (process.env.UPDATE_DOCS === "1") {
      const next = start >= 0 && end > start ? text.slice(0, start) + section + text.slice(end + END.length) : `${text}${section}\n`;
      fs.writeFileSync(DOC, next);
      return;
    }
    expect(start, "the docs lack the matrix; regenerate with UPDATE_DOCS=1").toBeGreaterThanOrEqual(0);
    expect(text.slice(start, end + END.length), "the docs' matrix is out of date; regenerate with UPDATE_DOCS=1").toBe(section);
  });
});

// ---- running it -----------------------------------------------------------------------

/** The reply as a cell; the error code is shown when expected, or when the status is wrong. */
function replyCell(reply: Reply, expected: HttpCell): string {
  const code = (reply.body as { error?: { code?: string } } | null)?.error?.code;
  return expected.code || (reply.status !== expected.status && code) ? `${reply.status} ${code}` : `${reply.status}`;
}

describe.each(testDatabaseKinds())("authorization matrix on %s", (kind) => {
  let t: TestServer;
  let c: Ctx;
  const sockets = new Map<PersonaName, ClientSocket>();
  let anonymousRefused = false;

  beforeAll(async () => {
    t = await startTestServer(kind);
    const people = await signUpPeople(t);
    const w = await createPersonaServer(t, people);
    const privateChannel = await freshChannel(w, { name: "staff", overwrites: privateOverwrites(w) });
    c = { t, w, privateChannel, bystanderId: await freshMember(t, w) };
    for (const p of PERSONA_NAMES) if (p !== "anonymous") sockets.set(p, await people[p].socket());
    anonymousRefused = await people.anonymous.socket().then(
      () => false,
      () => true,
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  // Socket rows first: they then depend on no other row's side effects (the non-member
  // joins and is kicked again in one HTTP row).
  for (const row of rows.filter((r): r is SocketRow => r.kind === "socket")) {
    it(`socket ${row.event}: ${row.what}`, async () => {
      const seen = new Map<PersonaName, unknown[]>();
      const stops: Array<() => void> = [];
      for (const [p, socket] of sockets) {
        const got: unknown[] = [];
        const listener = (payload: unknown) => got.push(payload);
        seen.set(p, got);
        socket.on(row.event, listener as never);
        stops.push(() => socket.off(row.event, listener as never));
      }
      try {
        const matches = await row.trigger(c);
        const received = (p: PersonaName) => (seen.get(p) ?? []).some(matches);
        const due = PERSONA_NAMES.filter((p) => row.expected[p] === "yes");
        // A late or missing delivery shows in the comparison below, so do not throw here.
        await waitFor(() => due.every(received), 3000).catch(() => undefined);
        // An ack comes back on the same connection after anything already sent to that
        // socket, so once every socket has answered, nothing more of this event is due.
        await Promise.all([...sockets.values()].map((s) => s.emitWithAck("ping")));
        const actual = Object.fromEntries(
          PERSONA_NAMES.map((p) => [p, p === "anonymous" ? (anonymousRefused ? "refused" : "connected") : received(p) ? "yes" : "no"]),
        );
        expect(actual).toEqual(row.expected);
      } finally {
        for (const stop of stops) stop();
      }
    });
  }

  for (const row of rows.filter((r): r is HttpRow => r.kind === "http")) {
    it(`${row.method} ${row.path}: ${row.what}`, async () => {
      const actual: Record<string, string> = {};
      for (const as of PERSONA_NAMES) actual[as] = replyCell(await row.attempt(c, as), row.expected[as]);
      expect(actual).toEqual(Object.fromEntries(PERSONA_NAMES.map((p) => [p, renderCell(row.expected[p])])));
    });
  }
});
