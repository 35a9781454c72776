/**
 * Visibility against a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is
 * set), with every SQL statement counted through drizzle's logger on the test's own
 * connection: the socket's rooms come from one query and agree with the per-server
 * snapshot; role and member changes look only at the people they can affect.
 */
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ALL_PERMISSIONS, DefaultRolePermissions, Permission, has } from "@/shared/permissions";
import type { Db } from "../db/client";
import { type LoggedStatement, withStatementLog } from "../db/statement-log";
import * as schema from "../db/schema";
import { type Actor, execute } from "../domain/context";
import type { DomainEvent } from "../domain/events";
import { updateMember } from "../domain/members/manageMembers";
import { updateRole } from "../domain/roles/manageRoles";
import type { Services } from "../services";
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from "../testing/databases";
import { computeBasePermissions, computeChannelPermissions } from "./compute";
import { VISIBILITY_BITS, serverVisibility, visibleChannels } from "./visibility";

const S1 = 1_000n;
const S2 = 2_000n;
const role = { mod: 1_001n, admin: 1_002n, secret: 1_003n, s2viewer: 2_001n };
const ch = {
  general: 1_100n,
  privateRoom: 1_101n, // everyone denied, the secret role allowed
  staff: 1_102n, // everyone denied, moderators allowed
  notForZed: 1_103n, // zed denied by a member overwrite
  yuriOnly: 1_104n, // everyone denied, yuri allowed by a member overwrite
  noSecrets: 1_105n, // the secret role denied
  category: 1_106n, // everyone denied
  s2Lobby: 2_100n, // everyone may not view in S2; the viewer role may
  s2Open: 2_101n, // an everyone overwrite allows it
  dm: 3_000n,
  group: 3_001n,
};
const PEOPLE = ["owner", "admin", "mod", "plain", "timedOut", "xena", "yuri", "zed", "expired", "outsider"] as const;
type Person = (typeof PEOPLE)[number];

const HOUR = 3_600_000;

async function seed(db: Db) {
  await db.insert(schema.user).values(PEOPLE.map((p) => ({ id: p, name: p, email: `${p}@test.example`, username: p })));
  await db.insert(schema.servers).values([
    { id: S1, name: "One", ownerId: "owner" },
    { id: S2, name: "Two", ownerId: "plain" },
  ]);
  const { everyone, moderator } = DefaultRolePermissions;
  await db.insert(schema.roles).values([
    { id: S1, serverId: S1, name: "@everyone", position: 0, permissions: everyone },
    { id: role.mod, serverId: S1, name: "Moderator", position: 1, permissions: moderator },
    { id: role.admin, serverId: S1, name: "Admin", position: 2, permissions: Permission.Administrator },
    { id: role.secret, serverId: S1, name: "Secret", position: 3, permissions: 0n },
    { id: S2, serverId: S2, name: "@everyone", position: 0, permissions: everyone & ~Permission.ViewChannel },
    { id: role.s2viewer, serverId: S2, name: "Viewer", position: 1, permissions: Permission.ViewChannel },
  ]);
  const s1Members: Person[] = ["owner", "admin", "mod", "plain", "timedOut", "xena", "yuri", "zed", "expired"];
  await db.insert(schema.members).values([
    ...s1Members.map((userId) => ({
      serverId: S1,
      userId,
      timeoutUntil: userId === "timedOut" ? new Date(Date.now() + HOUR) : userId === "expired" ? new Date(Date.now() - HOUR) : null,
    })),
    ...(["plain", "xena", "zed"] as const).map((userId) => ({ serverId: S2, userId })),
  ]);
  await db.insert(schema.memberRoles).values([
    { serverId: S1, userId: "admin", roleId: role.admin },
    { serverId: S1, userId: "mod", roleId: role.mod },
    { serverId: S1, userId: "timedOut", roleId: role.secret },
    { serverId: S1, userId: "xena", roleId: role.secret },
    { serverId: S1, userId: "zed", roleId: role.mod },
    { serverId: S2, userId: "xena", roleId: role.s2viewer },
  ]);
  const text = (id: bigint, serverId: bigint, name: string) => ({ id, serverId, name, type: "text" as const });
  await db.insert(schema.channels).values([
    text(ch.general, S1, "general"),
    text(ch.privateRoom, S1, "private"),
    text(ch.staff, S1, "staff"),
    text(ch.notForZed, S1, "not-for-zed"),
    text(ch.yuriOnly, S1, "yuri-only"),
    text(ch.noSecrets, S1, "no-secrets"),
    { id: ch.category, serverId: S1, name: "Hidden", type: "category" },
    text(ch.s2Lobby, S2, "lobby"),
    text(ch.s2Open, S2, "open"),
    { id: ch.dm, serverId: null, name: "", type: "dm", dmKey: "outsider:plain" },
    { id: ch.group, serverId: null, name: "", type: "group_dm", ownerId: "xena" },
  ]);
  const view = Permission.ViewChannel;
  await db.insert(schema.channelOverwrites).values([
    { channelId: ch.privateRoom, roleId: S1, deny: view },
    { channelId: ch.privateRoom, roleId: role.secret, allow: view },
    { channelId: ch.staff, roleId: S1, deny: view },
    { channelId: ch.staff, roleId: role.mod, allow: view },
    { channelId: ch.notForZed, userId: "zed", deny: view },
    { channelId: ch.yuriOnly, roleId: S1, deny: view },
    { channelId: ch.yuriOnly, userId: "yuri", allow: view },
    { channelId: ch.noSecrets, roleId: role.secret, deny: view },
    { channelId: ch.category, roleId: S1, deny: view },
    { channelId: ch.s2Open, roleId: S2, allow: view },
  ]);
  await db.insert(schema.dmParticipants).values([
    { channelId: ch.dm, userId: "outsider" },
    { channelId: ch.dm, userId: "plain", closed: true },
    { channelId: ch.group, userId: "xena" },
    { channelId: ch.group, userId: "zed" },
  ]);
}

/** A statement the database ran, without transaction control. */
const sorted = (ids: Iterable<bigint | string>) => [...ids].map(String).sort();

/** Reads members or their role assignments (the inputs that grow with the server). */
const readsMembers = (q: LoggedStatement) => /from "(members|member_roles)"|join "member_roles"/.test(q.sql);
const isPerson = (p: unknown) => (PEOPLE as readonly unknown[]).includes(p);
/** The snapshot's channel list: present whenever a visibility snapshot runs. */
const snapshots = (log: LoggedStatement[]) => log.filter((q) => /from "channel_overwrites" inner join "channels"/.test(q.sql)).length;

describe.each(testDatabaseKinds())("visibility (%s)", (kind) => {
  let database: TestDatabase;
  let db: Db;
  let log: LoggedStatement[];
  let published: DomainEvent[];
  let services: Services;
  const owner: Actor = { id: "owner", name: "owner", image: null };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    ({ db, log } = withStatementLog(database));
    await seed(db);
    services = { db, events: { publish: (events: DomainEvent[]) => void published.push(...events) } } as unknown as Services;
  });
  afterAll(async () => {
    await database?.destroy();
  });
  beforeEach(() => {
    log.length = 0;
    published = [];
  });

  it("loads a person's rooms in one query, the same as the per-server snapshots", async () => {
    for (const person of PEOPLE) {
      log.length = 0;
      const got = await visibleChannels(db, person);
      expect(log, `${person}: one statement`).toHaveLength(1);

      const memberships = await db.select().from(schema.members).where(eq(schema.members.userId, person));
      const expected: string[] = [];
      for (const m of memberships) expected.push(...((await serverVisibility(db, m.serverId, [person])).get(person) ?? []));
      const conversations = await db.select().from(schema.dmParticipants).where(eq(schema.dmParticipants.userId, person));
      expected.push(...conversations.map((c) => c.channelId.toString()));
      expect(sorted(got.serverIds), person).toEqual(sorted(memberships.map((m) => m.serverId)));
      expect(sorted(got.channelIds), person).toEqual(expected.sort());

      for (const m of memberships) {
        log.length = 0;
        const one = await visibleChannels(db, person, m.serverId);
        expect(log).toHaveLength(1);
        expect(one.serverIds).toEqual([m.serverId]);
        expect(sorted(one.channelIds)).toEqual(sorted((await serverVisibility(db, m.serverId, [person])).get(person) ?? []));
      }
    }
  });

  it("sees what the fixture was built to show", async () => {
    const rooms = async (p: Person) => new Set((await visibleChannels(db, p)).channelIds);
    const all = [ch.general, ch.privateRoom, ch.staff, ch.notForZed, ch.yuriOnly, ch.noSecrets, ch.category];
    expect(sorted(await rooms("owner"))).toEqual(sorted(all));
    expect(sorted(await rooms("admin"))).toEqual(sorted(all));
    expect(sorted(await rooms("plain"))).toEqual(sorted([ch.general, ch.notForZed, ch.noSecrets, ch.s2Lobby, ch.s2Open, ch.dm]));
    expect(sorted(await rooms("xena"))).toEqual(sorted([ch.general, ch.privateRoom, ch.notForZed, ch.s2Lobby, ch.s2Open, ch.group]));
    // A timeout keeps View Channel: the timed-out member keeps their rooms.
    expect(sorted(await rooms("timedOut"))).toEqual(sorted([ch.general, ch.privateRoom, ch.notForZed]));
    expect(sorted(await rooms("zed"))).toEqual(sorted([ch.general, ch.staff, ch.noSecrets, ch.s2Open, ch.group]));
    expect(sorted(await rooms("yuri"))).toEqual(sorted([ch.general, ch.notForZed, ch.yuriOnly, ch.noSecrets]));
    expect(sorted(await rooms("outsider"))).toEqual(sorted([ch.dm]));
  });

  it("runs no visibility query for a role's colour or name", async () => {
    await execute(services, owner, updateRole, { serverId: S1, roleId: role.secret, color: 0x00ff00, name: "Still secret" });
    expect(snapshots(log)).toBe(0);
    expect(log.filter((q) => /"role_id" = /.test(q.sql) && /from "member_roles"/.test(q.sql))).toEqual([]);
    expect(published.map((e) => e.type)).toEqual(["role.updated"]);
    // Permission bits that do not decide visibility move nobody either.
    log.length = 0;
    await execute(services, owner, updateRole, { serverId: S1, roleId: role.secret, permissions: String(Permission.SendMessages) });
    expect(snapshots(log)).toBe(0);
    await execute(services, owner, updateRole, { serverId: S1, roleId: role.secret, permissions: "0" });
  });

  it("computes a role's holders only when its permissions change", async () => {
    const noAdmin = DefaultRolePermissions.moderator & ~Permission.Administrator & ~Permission.ViewChannel;
    await execute(services, owner, updateRole, { serverId: S1, roleId: role.admin, permissions: String(noAdmin) });
    expect(snapshots(log)).toBe(2);
    // One look-up of the role's holders; every other member read names its people.
    const isHolderLookup = (q: LoggedStatement) => /^select "user_id" from "member_roles" where .*"role_id" = /.test(q.sql);
    expect(log.filter(isHolderLookup)).toHaveLength(1);
    const named = log.filter((q) => readsMembers(q) && !isHolderLookup(q));
    for (const q of named) expect(q.sql, "every member read names its people").toMatch(/"user_id" (=|in) /);
    expect(new Set(named.flatMap((q) => q.params.filter(isPerson)))).toEqual(new Set(["owner", "admin"]));
    const visibility = published.find((e) => e.type === "visibility.changed");
    expect(visibility).toMatchObject({ serverId: S1.toString(), diffs: [{ userId: "admin", shown: [] }] });
    expect(sorted(visibility!.type === "visibility.changed" ? visibility!.diffs[0]!.hidden : [])).toEqual(
      sorted([ch.privateRoom, ch.staff, ch.yuriOnly, ch.category]),
    );
    await execute(services, owner, updateRole, { serverId: S1, roleId: role.admin, permissions: String(Permission.Administrator) });
  });

  it("computes one member only when that member's roles change", async () => {
    await execute(services, owner, updateMember, { serverId: S1, userId: "plain", roles: [role.secret.toString()] });
    expect(snapshots(log)).toBe(2);
    for (const q of log.filter(readsMembers)) expect(q.sql, "every member read names its people").toMatch(/"user_id" (=|in) /);
    expect(new Set(log.filter(readsMembers).flatMap((q) => q.params.filter(isPerson)))).toEqual(new Set(["owner", "plain"]));
    const visibility = published.find((e) => e.type === "visibility.changed");
    expect(visibility).toEqual({
      type: "visibility.changed",
      serverId: S1.toString(),
      diffs: [{ userId: "plain", shown: [ch.privateRoom.toString()], hidden: [ch.noSecrets.toString()] }],
      channels: { [ch.privateRoom.toString()]: expect.objectContaining({ id: ch.privateRoom.toString(), name: "private" }) },
    });
    await execute(services, owner, updateMember, { serverId: S1, userId: "plain", roles: [] });
  });
});

describe("VISIBILITY_BITS", () => {
  const bits = fc.bigInt({ min: 0n, max: ALL_PERMISSIONS }).map((b) => b & ALL_PERMISSIONS);
  const overwrite = fc.record({ allow: bits, deny: bits }).map((o) => ({ allow: o.allow & ~Permission.Administrator, deny: o.deny & ~Permission.Administrator }));

  it("are the only role bits that can change whether a channel is visible", () => {
    fc.assert(
      fc.property(
        fc.record({
          everyone: bits,
          roles: fc.array(bits, { minLength: 1, maxLength: 4 }),
          flip: bits,
          timedOut: fc.boolean(),
          owner: fc.boolean(),
          everyoneOverwrite: fc.option(overwrite, { nil: undefined }),
          roleOverwrites: fc.array(overwrite, { maxLength: 3 }),
          memberOverwrite: fc.option(overwrite, { nil: undefined }),
        }),
        (s) => {
          const visible = (roles: bigint[]) => {
            const base = computeBasePermissions({ userId: "u", ownerId: s.owner ? "u" : "o", everyone: s.everyone, roles, timedOut: s.timedOut });
            const overwrites = { everyone: s.everyoneOverwrite, roles: s.roleOverwrites, member: s.memberOverwrite };
            return has(computeChannelPermissions(base, overwrites, s.timedOut), Permission.ViewChannel);
          };
          const flipped = [s.roles[0]! ^ (s.flip & ~VISIBILITY_BITS), ...s.roles.slice(1)];
          return visible(s.roles) === visible(flipped);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
