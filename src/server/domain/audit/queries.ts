import { and, desc, eq, lt } from "drizzle-orm";
import type { AuditLogEntry } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import type { Tx } from "../../db/client";
import { auditLog, user } from "../../db/schema";
import { requirePermission, requireServerAccess } from "../../policies/access";
import { presentAuditEntry } from "../../presenters";

export async function listAuditLog(
  tx: Tx,
  actorId: string,
  props: { serverId: bigint; action?: string; userId?: string; before?: bigint; limit: number },
): Promise<AuditLogEntry[]> {
  const access = await requireServerAccess(tx, props.serverId, actorId);
  requirePermission(access.permissions, Permission.ViewAuditLog);
  const rows = await tx
    .select({ entry: auditLog, actor: { id: user.id, name: user.name, image: user.image } })
    .from(auditLog)
    .leftJoin(user, eq(user.id, auditLog.actorId))
    .where(
      and(
        eq(auditLog.serverId, props.serverId),
        props.action ? eq(auditLog.action, props.action) : undefined,
        props.userId ? eq(auditLog.actorId, props.userId) : undefined,
        props.before ? lt(auditLog.id, props.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(props.limit);
  return rows.map((r) => presentAuditEntry(r.entry, r.actor?.id ? r.actor : null));
}
