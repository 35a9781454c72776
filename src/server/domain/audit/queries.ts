import { and, desc, eq, lt } from "drizzle-orm";
import type { AuditLogEntry } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { auditLog, user } from "../../db/schema";
import { requirePermission, requireServerAccess } from "../../policies/access";
import { presentAuditEntry } from "../../presenters";
import { defineQuery } from "../context";

interface ListAuditLogInput {
  serverId: bigint;
  action?: string;
  userId?: string;
  before?: bigint;
  limit: number;
}

export const listAuditLog = defineQuery(async (input: ListAuditLogInput, { tx, actor }): Promise<AuditLogEntry[]> => {
  const access = await requireServerAccess(tx, input.serverId, actor.id);
  requirePermission(access.permissions, Permission.ViewAuditLog);
  const rows = await tx
    .select({ entry: auditLog, actor: { id: user.id, name: user.name, image: user.image } })
    .from(auditLog)
    .leftJoin(user, eq(user.id, auditLog.actorId))
    .where(
      and(
        eq(auditLog.serverId, input.serverId),
        input.action ? eq(auditLog.action, input.action) : undefined,
        input.userId ? eq(auditLog.actorId, input.userId) : undefined,
        input.before ? lt(auditLog.id, input.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(input.limit);
  return rows.map((r) => presentAuditEntry(r.entry, r.actor?.id ? r.actor : null));
});
