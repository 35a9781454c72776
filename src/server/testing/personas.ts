/**
 * Persona factory for authorization tests: one server seen by eight kinds of people.
 * The owner creates it; admin and moderator join and get the default Admin and Moderator
 * roles; the plain member joins with no extra role; the timed-out member joins and is
 * timed out; the banned person joins and is banned; the non-member never joins; the
 * anonymous person has no session at all. Everything goes through the public API, so a
 * persona is exactly what a real person in that position would be.
 */
import type { Channel, Invite, Role, Server } from "@/shared/api";
import type { Reply, TestClient, TestServer } from "./harness";

export const PERSONA_NAMES = ["owner", "admin", "moderator", "member", "timedOut", "nonMember", "banned", "anonymous"] as const;
export type PersonaName = (typeof PERSONA_NAMES)[number];

/** The personas who are members of the server (the timed-out one included). */
export const MEMBER_PERSONAS = ["owner", "admin", "moderator", "member", "timedOut"] as const satisfies readonly PersonaName[];

export type People = Record<PersonaName, TestClient>;

export interface PersonaServer {
  server: Server;
  /** Ids of the default roles; everyone shares the server's id. */
  roles: { admin: string; moderator: string; everyone: string };
  general: Channel;
  /** A never-expiring, unlimited invite of the owner's, for adding fresh people. */
  inviteCode: string;
  people: People;
}

/** One day ahead: well inside the 28-day limit and far beyond any test run. */
export function timeoutUntil(): string {
  return new Date(Date.now() + 24 * 3600 * 1000).toISOString();
}

/** Throws unless the reply has the wanted status: setup must never fail silently. */
export function expectStatus<T>(reply: Reply<T>, status: number, what: string): T {
  if (reply.status !== status) throw new Error(`${what}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** Signs up the seven people with an account; the anonymous client never signs in. */
export async function signUpPeople(t: TestServer): Promise<People> {
  const people = Object.fromEntries(PERSONA_NAMES.map((name) => [name, t.client()])) as People;
  for (const name of PERSONA_NAMES) if (name !== "anonymous") await people[name].signUp(`Persona ${name}`);
  return people;
}

/** Signs up one more person (a target or a bystander). */
export async function signUpPerson(t: TestServer, name: string): Promise<TestClient> {
  const client = t.client();
  await client.signUp(name);
  return client;
}

/** Joins through an invite and checks that it worked. */
export async function join(client: TestClient, inviteCode: string): Promise<void> {
  expectStatus(await client.post(`/api/v1/invites/${inviteCode}`), 200, "join");
}

/**
 * Builds a server with the personas in place. `include` limits who joins (the owner is
 * always there): tests of leaving or deleting a server build a small one per attempt,
 * since the attempt may end the very membership or server it is about.
 */
export async function createPersonaServer(
  t: TestServer,
  people: People,
  opts: { name?: string; include?: readonly PersonaName[] } = {},
): Promise<PersonaServer> {
  const include = new Set(opts.include ?? PERSONA_NAMES);
  const owner = people.owner;
  const server = expectStatus(await owner.post<Server>("/api/v1/servers", { name: opts.name ?? "Persona Guild" }), 201, "create server");
  const base = `/api/v1/servers/${server.id}`;
  const roleList = expectStatus(await owner.get<Role[]>(`${base}/roles`), 200, "list roles");
  const roleId = (name: string) => {
    const role = roleList.find((r) => r.name === name);
    if (!role) throw new Error(`a new server has no ${name} role`);
    return role.id;
  };
  const roles = { admin: roleId("Admin"), moderator: roleId("Moderator"), everyone: roleId("@everyone") };
  const channels = expectStatus(await owner.get<Channel[]>(`${base}/channels`), 200, "list channels");
  const general = channels.find((c) => c.name === "general");
  if (!general) throw new Error("a new server has no general channel");
  const invite = expectStatus(await owner.post<Invite>(`${base}/invites`, { maxAge: 0, maxUses: 0 }), 201, "create invite");

  for (const name of ["admin", "moderator", "member", "timedOut", "banned"] as const) {
    if (include.has(name)) await join(people[name], invite.code);
  }
  const member = (name: PersonaName) => `${base}/members/${people[name].user!.id}`;
  if (include.has("admin")) {
    expectStatus(await owner.request("PATCH", member("admin"), { roles: [roles.admin] }), 200, "give the Admin role");
  }
  if (include.has("moderator")) {
    expectStatus(await owner.request("PATCH", member("moderator"), { roles: [roles.moderator] }), 200, "give the Moderator role");
  }
  if (include.has("timedOut")) {
    expectStatus(await owner.request("PATCH", member("timedOut"), { timeoutUntil: timeoutUntil() }), 200, "time out");
  }
  if (include.has("banned")) {
    expectStatus(await owner.request("PUT", `${base}/bans/${people.banned.user!.id}`, {}), 204, "ban");
  }
  return { server, roles, general, inviteCode: invite.code, people };
}

// ---- fresh targets: made by the owner before one attempt, so attempts never share them ----

/** A new person who joined the server, optionally holding one role; returns their id. */
export async function freshMember(t: TestServer, w: PersonaServer, roleId?: string): Promise<string> {
  const person = await signUpPerson(t, "Target");
  await join(person, w.inviteCode);
  if (roleId) {
    const path = `/api/v1/servers/${w.server.id}/members/${person.user!.id}`;
    expectStatus(await w.people.owner.request("PATCH", path, { roles: [roleId] }), 200, "give a role to a target");
  }
  return person.user!.id;
}

/** A new role with no permissions; it lands just above everyone, below every default role. */
export async function freshRole(w: PersonaServer, name = "throwaway"): Promise<string> {
  const role = expectStatus(await w.people.owner.post<Role>(`/api/v1/servers/${w.server.id}/roles`, { name }), 201, "create role");
  return role.id;
}

export async function freshChannel(w: PersonaServer, extra: Record<string, unknown> = {}): Promise<Channel> {
  const body = { name: "throwaway", type: "text", ...extra };
  return expectStatus(await w.people.owner.post<Channel>(`/api/v1/servers/${w.server.id}/channels`, body), 201, "create channel");
}

export async function freshInvite(w: PersonaServer): Promise<string> {
  const invite = expectStatus(await w.people.owner.post<Invite>(`/api/v1/servers/${w.server.id}/invites`, {}), 201, "create invite");
  return invite.code;
}
