import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Member, Server, ServerDetail } from "@/shared/api";
import { memberRoles, members, servers, user } from "../../db/schema";
import { requireServerAccess } from "../../policies/access";
import { presentMember, presentServer } from "../../presenters";
import { defineQuery } from "../context";

/** The servers a user belongs to, in the order they joined them. */
export const listMyServers = defineQuery(async (_input: Record<string, never>, { tx, actor }): Promise<Server[]> => {
  const rows = await tx
    .select({ server: servers })
    .from(members)
    .innerJoin(servers, eq(servers.id, members.serverId))
    .where(eq(members.userId, actor.id))
    .orderBy(asc(members.joinedAt), asc(servers.id));
  return rows.map((r) => presentServer(r.server));
});

export const getServerDetail = defineQuery(async ({ serverId }: { serverId: bigint }, { tx, actor }): Promise<ServerDetail> => {
  const access = await requireServerAccess(tx, serverId, actor.id);
  const [row] = await tx.select().from(servers).where(eq(servers.id, serverId));
  const [counted] = await tx.select({ n: count() }).from(members).where(eq(members.serverId, serverId));
  return {
    ...presentServer(row!),
    memberCount: counted?.n ?? 0,
    permissions: access.permissions.toString(),
    highestRolePosition: access.highestPosition,
  };
});

export const listMembers = defineQuery(async ({ serverId }: { serverId: bigint }, { tx, actor }): Promise<Member[]> => {
  await requireServerAccess(tx, serverId, actor.id);
  const rows = await tx
    .select({ member: members, user: { id: user.id, name: user.name, image: user.image } })
    .from(members)
    .innerJoin(user, eq(user.id, members.userId))
    .where(eq(members.serverId, serverId))
    .orderBy(asc(members.joinedAt));
  const roleRows = rows.length
    ? await tx
        .select({ userId: memberRoles.userId, roleId: memberRoles.roleId })
        .from(memberRoles)
        .where(and(eq(memberRoles.serverId, serverId), inArray(memberRoles.userId, rows.map((r) => r.user.id))))
    : [];
  return rows.map((r) =>
    presentMember(r.member, r.user, [serverId, ...roleRows.filter((x) => x.userId === r.user.id).map((x) => x.roleId)]),
  );
});
