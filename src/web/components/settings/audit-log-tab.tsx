"use client";

import { useState } from "react";
import { auditLogActions, type AuditLogAction, type AuditLogEntry, type Role } from "@/shared/api";
import { useAuditLog } from "../../hooks/use-admin";
import { useMembers, useRoles } from "../../hooks/use-servers";
import { auditActionLabels, auditActionText, describeChanges } from "../../lib/audit-format";
import { describeError } from "../../lib/errors";
import { displayName } from "../../lib/member-groups";
import { formatMessageTimestamp } from "../../lib/time";
import { FormError } from "../auth/form-error";
import { Avatar } from "../ui/avatar";
import { SettingsTitle } from "../ui/settings-shell";
import { Spinner } from "../ui/spinner";

const selectClass = "h-9 rounded-[3px] bg-field-deep px-2 text-sm text-text";

export function AuditLogTab({ serverId }: { serverId: string }) {
  const [action, setAction] = useState<AuditLogAction | "">("");
  const [userId, setUserId] = useState("");
  const log = useAuditLog(serverId, { action: action || undefined, userId: userId || undefined });
  const members = useMembers(serverId);
  const roles = useRoles(serverId);

  return (
    <>
      <SettingsTitle>Audit Log</SettingsTitle>
      <div className="mb-4 flex flex-wrap gap-3">
        <label className="flex items-center gap-2 text-sm text-text-muted">
          Filter by user
          <select data-testid="audit-filter-user" value={userId} onChange={(e) => setUserId(e.target.value)} className={selectClass}>
            <option value="">All users</option>
            {members.data?.map((m) => (
              <option key={m.user.id} value={m.user.id}>
                {displayName(m)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm text-text-muted">
          Filter by action
          <select
            data-testid="audit-filter-action"
            value={action}
            onChange={(e) => setAction(e.target.value as AuditLogAction | "")}
            className={selectClass}
          >
            <option value="">All actions</option>
            {auditLogActions.map((a) => (
              <option key={a} value={a}>
                {auditActionLabels[a]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {log.error && <FormError message={describeError(log.error)} />}
      {log.isPending && <Spinner />}
      {log.data?.length === 0 && <p className="text-text-muted">Nothing recorded{action || userId ? " for this filter" : " yet"}.</p>}
      <ol className="flex flex-col gap-2" data-testid="audit-log">
        {log.data?.map((entry) => <AuditRow key={entry.id} entry={entry} roles={roles.data ?? []} />)}
      </ol>
    </>
  );
}

function AuditRow({ entry, roles }: { entry: AuditLogEntry; roles: Role[] }) {
  const changes = describeChanges(entry, roles);
  const target = entry.targetName ?? entry.targetId;
  return (
    <li className="flex gap-3 rounded-md bg-sidebar p-3" data-testid="audit-entry" data-action={entry.action}>
      {entry.actor ? <Avatar id={entry.actor.id} name={entry.actor.name} image={entry.actor.image} size={32} /> : <span className="size-8" />}
      <div className="min-w-0 flex-1 text-sm">
        <p className="text-text">
          <strong className="font-semibold text-text-strong" data-testid="audit-actor">
            {entry.actor?.name ?? "Someone"}
          </strong>{" "}
          {auditActionText[entry.action] ?? entry.action}{" "}
          {entry.action !== "server.update" && (
            <strong className="font-semibold text-text-strong" data-testid="audit-target">
              {entry.targetType === "channel" ? `#${target}` : target}
            </strong>
          )}
        </p>
        <p className="text-xs text-text-muted">{formatMessageTimestamp(entry.createdAt)}</p>
        {changes.length > 0 && (
          <ul className="mt-1.5 list-disc pl-5 text-xs text-text-muted" data-testid="audit-changes">
            {changes.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        )}
        {entry.reason && <p className="mt-1 text-xs text-text">Reason: {entry.reason}</p>}
      </div>
    </li>
  );
}
