"use client";

import { MoreVertical, Plus, X } from "lucide-react";
import { useState } from "react";
import type { Member, Role } from "@/shared/api";
import { useAccess } from "../../hooks/use-access";
import { useUpdateMember } from "../../hooks/use-admin";
import { useMembers, useRoles, useServer } from "../../hooks/use-servers";
import { describeError } from "../../lib/errors";
import { displayName, isTimedOut } from "../../lib/member-groups";
import { roleColor } from "../../lib/role-color";
import { FormError } from "../auth/form-error";
import { memberActions } from "../members/member-actions";
import { MemberMenu } from "../members/member-menu";
import { ModerationDialog, type ModerationAction } from "../members/moderation-dialogs";
import { Avatar } from "../ui/avatar";
import { Menu, MenuCheckbox } from "../ui/menu";
import { SettingsTitle } from "../ui/settings-shell";
import { Spinner } from "../ui/spinner";

type Popup = { kind: "actions" | "add-role"; member: Member; at: { x: number; y: number } };

export function MembersTab({ serverId }: { serverId: string }) {
  const members = useMembers(serverId);
  const roles = useRoles(serverId);
  const server = useServer(serverId);
  const access = useAccess(serverId);
  const update = useUpdateMember(serverId);
  const [search, setSearch] = useState("");
  const [popup, setPopup] = useState<Popup>();
  const [moderation, setModeration] = useState<ModerationAction>();
  const highFirst = [...(roles.data ?? [])].reverse().filter((r) => r.id !== serverId);
  const needle = search.trim().toLowerCase();
  const shown = (members.data ?? [])
    .filter((m) => !needle || displayName(m).toLowerCase().includes(needle))
    .sort((a, b) => displayName(a).localeCompare(displayName(b)));
  const live = (member: Member) => members.data?.find((m) => m.user.id === member.user.id) ?? member;

  const setRoles = (member: Member, roleIds: string[]) =>
    update.mutate({ userId: member.user.id, input: { roles: roleIds.filter((id) => id !== serverId) } });

  if (!members.data) return members.error ? <FormError message={describeError(members.error)} /> : <Spinner />;

  return (
    <>
      <SettingsTitle>Server Members — {members.data.length}</SettingsTitle>
      <input
        type="search"
        placeholder="Search members"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        className="mb-4 h-9 w-64 rounded bg-field-deep px-3 text-sm text-text outline-none"
      />
      {update.error && <FormError message={describeError(update.error)} />}
      <ul className="divide-y divide-divider" data-testid="members-table">
        {shown.map((member) => {
          const actions = memberActions(access, member);
          const memberRoles = highFirst.filter((r) => member.roleIds.includes(r.id));
          return (
            <li key={member.user.id} className="flex items-center gap-3 py-3" data-testid="member-row" data-user-id={member.user.id}>
              <Avatar id={member.user.id} name={member.user.name} image={member.user.image} size={36} />
              <div className="w-44 min-w-0 shrink-0">
                <p className="truncate font-medium text-text-strong">{displayName(member)}</p>
                <p className="truncate text-xs text-text-muted">
                  {member.user.id === server.data?.ownerId ? "Owner · " : ""}Joined {new Date(member.joinedAt).toLocaleDateString()}
                  {isTimedOut(member) && " · Timed out"}
                </p>
              </div>
              <div className="flex min-w-0 flex-1 flex-wrap items-center gap-1">
                {memberRoles.map((role) => (
                  <RoleChip
                    key={role.id}
                    role={role}
                    onRemove={actions.roles && access.canAssignRole(role) ? () => setRoles(member, member.roleIds.filter((id) => id !== role.id)) : undefined}
                  />
                ))}
                {actions.roles && (
                  <button
                    type="button"
                    aria-label="Add role"
                    data-testid="member-add-role"
                    onClick={(e) => setPopup({ kind: "add-role", member, at: { x: e.clientX, y: e.clientY } })}
                    className="flex size-6 items-center justify-center rounded bg-field text-text-muted hover:text-text-strong"
                  >
                    <Plus size={14} />
                  </button>
                )}
              </div>
              {(actions.timeout || actions.kick || actions.ban) && (
                <button
                  type="button"
                  aria-label={`More actions for ${displayName(member)}`}
                  data-testid="member-actions"
                  onClick={(e) => setPopup({ kind: "actions", member, at: { x: e.clientX, y: e.clientY } })}
                  className="rounded p-1.5 text-text-muted hover:bg-hover hover:text-text-strong"
                >
                  <MoreVertical size={18} />
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {popup?.kind === "actions" && (
        <MemberMenu
          serverId={serverId}
          member={live(popup.member)}
          at={popup.at}
          onClose={() => setPopup(undefined)}
          onModerate={(kind) => setModeration({ kind, member: popup.member })}
        />
      )}
      {popup?.kind === "add-role" && (
        <Menu at={popup.at} onClose={() => setPopup(undefined)} label="Roles">
          {highFirst.filter(access.canAssignRole).map((role) => {
            const member = live(popup.member);
            const has = member.roleIds.includes(role.id);
            return (
              <MenuCheckbox
                key={role.id}
                checked={has}
                color={roleColor(role.color)}
                disabled={update.isPending}
                testId={`member-role-${role.name}`}
                onToggle={() => setRoles(member, has ? member.roleIds.filter((id) => id !== role.id) : [...member.roleIds, role.id])}
              >
                {role.name}
              </MenuCheckbox>
            );
          })}
        </Menu>
      )}
      <ModerationDialog serverId={serverId} action={moderation} onClose={() => setModeration(undefined)} />
    </>
  );
}

function RoleChip({ role, onRemove }: { role: Role; onRemove?: () => void }) {
  return (
    <span className="flex h-6 items-center gap-1 rounded bg-field px-1.5 text-xs font-medium text-text" data-testid="role-chip">
      <span aria-hidden className="size-2.5 rounded-full" style={{ backgroundColor: roleColor(role.color) ?? "#99aab5" }} />
      {role.name}
      {onRemove && (
        <button type="button" aria-label={`Remove ${role.name}`} onClick={onRemove} className="text-text-muted hover:text-text-strong">
          <X size={12} />
        </button>
      )}
    </span>
  );
}
