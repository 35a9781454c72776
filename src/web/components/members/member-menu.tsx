"use client";

import type { Member } from "@/shared/api";
import { MessageCircle } from "lucide-react";
import { useAccess } from "../../hooks/use-access";
import { useUpdateMember } from "../../hooks/use-admin";
import { useOpenDm } from "../../hooks/use-dms";
import { useRoles } from "../../hooks/use-servers";
import { describeError } from "../../lib/errors";
import { isTimedOut } from "../../lib/member-groups";
import { roleColor } from "../../lib/role-color";
import { memberActions } from "./member-actions";
import { Menu, MenuCheckbox, MenuItem, MenuLabel, MenuSeparator } from "../ui/menu";
import type { ModerationKind } from "./moderation-dialogs";

export interface MemberMenuProps {
  serverId: string;
  member: Member;
  at: { x: number; y: number };
  onClose: () => void;
  onModerate: (kind: ModerationKind) => void;
}

/** What this user may do to that member: role checkboxes, timeout, kick, ban. Nothing else shows. */
export function MemberMenu({ serverId, member, at, onClose, onModerate }: MemberMenuProps) {
  const access = useAccess(serverId);
  const roles = useRoles(serverId);
  const update = useUpdateMember(serverId);
  const openDm = useOpenDm();
  const actions = memberActions(access, member);
  const mayMessage = member.user.id !== access.myId;
  const assignable = (roles.data ?? []).filter((role) => access.canAssignRole(role)).reverse();
  const name = member.nickname ?? member.user.name;
  const showRoles = actions.roles && assignable.length > 0;

  const toggleRole = (roleId: string) => {
    const current = member.roleIds.filter((id) => id !== serverId);
    const next = current.includes(roleId) ? current.filter((id) => id !== roleId) : [...current, roleId];
    update.mutate({ userId: member.user.id, input: { roles: next } });
  };

  const moderate = (kind: ModerationKind) => {
    onClose();
    onModerate(kind);
  };

  return (
    <Menu at={at} onClose={onClose} label={`Actions for ${name}`} testId="member-menu">
      {mayMessage && (
        <MenuItem
          testId="member-message"
          icon={<MessageCircle size={16} />}
          onSelect={() => {
            onClose();
            openDm.mutate({ recipientId: member.user.id });
          }}
        >
          Message
        </MenuItem>
      )}
      {mayMessage && actions.any && <MenuSeparator />}
      {showRoles && (
        <>
          <MenuLabel>Roles</MenuLabel>
          {assignable.map((role) => (
            <MenuCheckbox
              key={role.id}
              checked={member.roleIds.includes(role.id)}
              onToggle={() => toggleRole(role.id)}
              color={roleColor(role.color)}
              disabled={update.isPending}
              testId={`member-role-${role.name}`}
            >
              {role.name}
            </MenuCheckbox>
          ))}
          {update.error && <p className="px-2 py-1 text-xs text-danger-soft">{describeError(update.error)}</p>}
        </>
      )}
      {showRoles && (actions.timeout || actions.kick || actions.ban) && <MenuSeparator />}
      {actions.timeout &&
        (isTimedOut(member) ? (
          <MenuItem
            testId="member-remove-timeout"
            onSelect={() => update.mutate({ userId: member.user.id, input: { timeoutUntil: null } }, { onSuccess: onClose })}
          >
            Remove Timeout
          </MenuItem>
        ) : (
          <MenuItem danger testId="member-timeout" onSelect={() => moderate("timeout")}>
            Timeout {name}
          </MenuItem>
        ))}
      {actions.kick && (
        <MenuItem danger testId="member-kick" onSelect={() => moderate("kick")}>
          Kick {name}
        </MenuItem>
      )}
      {actions.ban && (
        <MenuItem danger testId="member-ban" onSelect={() => moderate("ban")}>
          Ban {name}
        </MenuItem>
      )}
      {!mayMessage && !showRoles && !actions.timeout && !actions.kick && !actions.ban && <p className="px-2 py-1.5 text-text-muted">Nothing you can change for {name}.</p>}
    </Menu>
  );
}
