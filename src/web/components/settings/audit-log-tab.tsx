"use client";

import { useState } from "react";
import { auditLogActions, type AuditLogAction, type AuditLogEntry } from "@/shared/api";
import { useAuditLog } from "../../hooks/use-admin";
import { useChannels, useMembers, useRoles } from "../../hooks/use-servers";
import { type AuditNames, auditActionLabels, auditActionPhrase, auditTargetText, describeChanges } from "../../lib/audit-format";
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
  const channels = useChannels(serverId);
  const names: AuditNames = {
    roles: roles.data ?? [],
    channels: channels.data ?? [],
    people: members.data?.map((m) => ({ id: m.user.id, name: displayName(m) })) ?? [],
  };

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
        {log.data?.map((entry) => <AuditRow key={entry.id} entry={entry} names={names} />)}
      </ol>
    </>
  );
}

function AuditRow({ entry, names }: { entry: AuditLogEntry; names: AuditNames }) {
  const changes = describeChanges(entry, names);
  return (
    <li className="flex gap-3 rounded-md bg-sidebar p-3" data-testid="audit-entry" data-action={entry.action}>
      {entry.actor ? <Avatar id={entry.actor.id} name={entry.actor.name} image={entry.actor.image} size={32} /> : <span className="size-8" />}
      <div className="min-w-0 flex-1 text-sm">
        <p className="text-text">
          <strong className="font-semibold text-text-strong" data-testid="audit-actor">
            {entry.actor?.name ?? "Someone"}
          </strong>{" "}
          {auditActionPhrase(entry)}{" "}
          {entry.action !== "server.update" && (
            <strong className="font-semibold text-text-strong" data-testid="audit-target">
              {auditTargetText(entry)}
            </strong>
          )}
        </p>
        <p className="text-xs text-text-muted">{formatMessageTimestamp(entry.createdAt)}</p>
        {changes.length > 0 && (
          <ul className="mt-1.5 list-disc pl-5 text-xs text-text-muted" data-testid="audit-changes">
            {changes.map((line, i) => (
              <li key={i}>
                <WithSwatches line={line} />
              </li>
            ))}
          </ul>
        )}
        {entry.reason && <p className="mt-1 text-xs text-text">Reason: {entry.reason}</p>}
      </div>
    </li>
  );
}

/** A colour written "#2ECC71" in a change line gets a small swatch before it. */
function WithSwatches({ line }: { line: string }) {
  return line.split(/(#[0-9A-F]{6}\b)/).map((part, i) =>
    /^#[0-9A-F]{6}$/.test(part) ? (
      <span key={i} className="inline-flex items-center gap-1 align-middle">
        <span aria-hidden data-testid="audit-swatch" className="inline-block size-3 rounded-full border border-divider" style={{ backgroundColor: part }} />
        {part}
      </span>
    ) : (
      part
    ),
  );
}
