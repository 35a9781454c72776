/**
 * SQL statements per operation, counted through drizzle's logger (transaction control
 * left out), with the time of one run: a socket connect's room setup
 * (`visibleChannels`) and role and member changes on a server of `BENCH_MEMBERS`
 * members and `BENCH_CHANNELS` channels with private ones. PGlite by default,
 * PostgreSQL when BENCH_DATABASE_URL is set. Run: `npx tsx bench/queries.ts`.
 *
 * It only calls what every version of the domain code exports (`visibleChannels` from
 * policies/visibility.ts or, before it moved, policies/access.ts; commands called as
 * `(input, ctx)`), so the same file, with src/server/db/statement-log.ts beside it,
 * counts an older checkout too.
 */
import { performance } from "node:perf_hooks";
import { DefaultRolePermissions, Permission } from "../src/shared/permissions";
import { type Database, type Db, type Tx, createPglite, fromPglite } from "../src/server/db/client";
import * as schema from "../src/server/db/schema";
import { createScratchPostgres } from "../src/server/db/scratch";
import { withStatementLog } from "../src/server/db/statement-log";
import type { CommandContext } from "../src/server/domain/context";
import { updateMember } from "../src/server/domain/members/manageMembers";
import { updateRole } from "../src/server/domain/roles/manageRoles";
import * as access from "../src/server/policies/access";
import * as visibility from "../src/server/policies/visibility";
import type { Services } from "../src/server/services";

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1000);
const CHANNELS = Number(process.env.BENCH_CHANNELS ?? 20);
const SERVER = 5_000_000n;
const ROLE = { mod: SERVER + 1n, secret: SERVER + 2n };
const OWNER = "u0";

type VisibleChannels = (tx: Tx, userId: string, onlyServerId?: bigint) => Promise<{ serverIds: bigint[]; channelIds: bigint[] }>;
const visibleChannels = ((visibility as Record<string, unknown>).visibleChannels ?? (access as Record<string, unknown>).visibleChannels) as VisibleChannels;

async function open(url: string | undefined): Promise<Database & { destroy(): Promise<void> }> {
  if (url) return createScratchPostgres(url, { prefix: "giga_bench_queries", poolSize: 4 });
  const database = fromPglite(await createPglite());
  await database.migrate();
  return { ...database, destroy: () => database.close() };
}

/** MEMBERS people; every tenth a moderator, every seventh in the secret role; a few private channels. */
async function seed(db: Db) {
  const ids = Array.from({ length: MEMBERS }, (_, i) => `u${i}`);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await db.insert(schema.user).values(chunk.map((id) => ({ id, name: id, email: `${id}@bench.test`, username: id })));
  }
  await db.insert(schema.servers).values({ id: SERVER, name: "Bench", ownerId: OWNER });
  await db.insert(schema.roles).values([
    { id: SERVER, serverId: SERVER, name: "@everyone", position: 0, permissions: DefaultRolePermissions.everyone },
    { id: ROLE.mod, serverId: SERVER, name: "Moderator", position: 1, permissions: DefaultRolePermissions.moderator },
    { id: ROLE.secret, serverId: SERVER, name: "Secret", position: 2, permissions: 0n },
  ]);
  for (let i = 0; i < ids.length; i += 500) {
    await db.insert(schema.members).values(ids.slice(i, i + 500).map((userId) => ({ serverId: SERVER, userId })));
  }
  const given = ids.flatMap((userId, i) => [
    ...(i % 10 === 1 ? [{ serverId: SERVER, userId, roleId: ROLE.mod }] : []),
    ...(i % 7 === 2 ? [{ serverId: SERVER, userId, roleId: ROLE.secret }] : []),
  ]);
  for (let i = 0; i < given.length; i += 500) await db.insert(schema.memberRoles).values(given.slice(i, i + 500));
  const channelIds = Array.from({ length: CHANNELS }, (_, i) => SERVER + 100n + BigInt(i));
  await db.insert(schema.channels).values(channelIds.map((id, i) => ({ id, serverId: SERVER, name: `channel-${i}`, type: "text" as const, position: i })));
  const view = Permission.ViewChannel;
  await db.insert(schema.channelOverwrites).values([
    { channelId: channelIds[0]!, roleId: SERVER, deny: view },
    { channelId: channelIds[0]!, roleId: ROLE.secret, allow: view },
    { channelId: channelIds[1]!, roleId: SERVER, deny: view },
    { channelId: channelIds[1]!, roleId: ROLE.mod, allow: view },
    { channelId: channelIds[2]!, userId: "u3", deny: view },
  ]);
}

/** A context that drops events and follow-up work: only the statements are of interest. */
function contextFor(db: Db, tx: Tx): CommandContext {
  // Asserted, not declared: older checkouts' contexts lack some of these members.
  const ctx = {
    actor: { id: OWNER, name: OWNER, image: null },
    tx,
    services: { db } as unknown as Services,
    record: () => undefined,
    atomically: <T>(work: (c: CommandContext) => Promise<T>) => work(ctx),
    afterCommit: () => undefined,
  } as CommandContext;
  return ctx;
}

async function main() {
  const database = await open(process.env.BENCH_DATABASE_URL);
  const { db, log: statements } = withStatementLog(database);
  try {
    await seed(db);
    /** Runs a command in a transaction, as the routes do. */
    const command = <I>(run: (input: I, ctx: CommandContext) => Promise<unknown>, input: I) => () =>
      db.transaction((tx) => run(input, contextFor(db, tx)));
    const secret = (permissions: bigint) => command(updateRole, { serverId: SERVER, roleId: ROLE.secret, permissions: String(permissions) });
    const giveSecret = (userId: string) => command(updateMember, { serverId: SERVER, userId, roles: [ROLE.secret.toString()] });
    // Each case: a warm-up, then the measured run; both real changes, so neither is a no-op.
    const cases: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
      [`socket connect: visibleChannels (1 server, ${CHANNELS} channels)`, () => visibleChannels(db, "u9"), () => visibleChannels(db, "u9")],
      [
        `role colour change (updateRole color), ${MEMBERS.toLocaleString()} members`,
        command(updateRole, { serverId: SERVER, roleId: ROLE.mod, color: 0x123456 }),
        command(updateRole, { serverId: SERVER, roleId: ROLE.mod, color: 0x654321 }),
      ],
      ["role permission change touching View Channel", secret(Permission.ViewChannel), secret(0n)],
      ["role permission change not touching visibility", secret(Permission.SendMessages), secret(0n)],
      ["one member's roles (updateMember roles)", giveSecret("u5"), giveSecret("u6")],
    ];
    const engine = process.env.BENCH_DATABASE_URL ? "PostgreSQL" : "PGlite";
    console.log(`\nSQL statements per operation — ${engine}, ${MEMBERS.toLocaleString()} members, ${CHANNELS} channels\n`);
    console.log("| operation | statements | ms (one warm run) |");
    console.log("|---|---:|---:|");
    for (const [name, warm, measured] of cases) {
      await warm();
      statements.length = 0;
      const t0 = performance.now();
      await measured();
      const ms = performance.now() - t0;
      console.log(`| ${name} | ${statements.length} | ${ms.toFixed(1)} |`);
    }
  } finally {
    await database.destroy();
  }
}

await main();
