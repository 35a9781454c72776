import type { AuditLogAction, AuditLogEntry } from "@/shared/api";
import { newId } from "../../db/snowflake";
import { auditLog } from "../../db/schema";
import type { CommandContext } from "../context";

export interface AuditInput {
  serverId: bigint;
  action: AuditLogAction;
  targetType: AuditLogEntry["targetType"];
  targetId: string;
  targetName?: string | null;
  changes?: AuditLogEntry["changes"];
  reason?: string | null;
}

/** Written in the command's transaction: an action is in the log if and only if it happened. */
export async function recordAudit({ actor, tx }: CommandContext, entry: AuditInput): Promise<void> {
  await tx.insert(auditLog).values({
    id: newId(),
    serverId: entry.serverId,
    actorId: actor.id,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    targetName: entry.targetName ?? null,
    changes: entry.changes ?? [],
    reason: entry.reason ?? null,
  });
}

/** The keys whose values differ, as before/after pairs. */
export function changesBetween<T extends Record<string, unknown>>(before: T, after: Partial<T>): AuditLogEntry["changes"] {
  const out: AuditLogEntry["changes"] = [];
  for (const key of Object.keys(after)) {
    const a = after[key];
    if (a === undefined) continue;
    const b = before[key];
    const norm = (v: unknown) => (typeof v === "bigint" ? v.toString() : v);
    if (JSON.stringify(norm(b)) !== JSON.stringify(norm(a))) out.push({ key, before: norm(b), after: norm(a) });
  }
  return out;
}
