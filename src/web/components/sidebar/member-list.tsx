"use client";

import { Clock, Crown } from "lucide-react";
import { useState, type MouseEvent } from "react";
import type { Member, Role } from "@/shared/api";
import { useAccess } from "../../hooks/use-access";
import { usePresences } from "../../hooks/use-presence";
import { useCustomStatusText } from "../../hooks/use-profile";
import { useMembers, useRoles } from "../../hooks/use-servers";
import { displayName, groupMembers, isTimedOut, topRole } from "../../lib/member-groups";
import { roleColor } from "../../lib/role-color";
import { memberActions } from "../members/member-actions";
import { MemberMenu, ModerationDialog, type ModerationAction } from "../members/moderation-lazy";
import { usePresenceStore } from "../../stores/presence";
import { besideAnchor } from "../profile/banner";
import { ProfilePopover } from "../profile/profile-popover-lazy";
import { Avatar } from "../ui/avatar";
import { memberPanelClass } from "../shell/member-sheet";
import { useLayout } from "../../stores/layout";
import { cn } from "../../lib/cn";
import { StatusDot } from "../ui/status-dot";

/**
 * The right-hand column, grouped by highest role like Discord's hoisted roles. Only on
 * wide screens, where Discord shows it too. A click opens the member's profile card,
 * a right click what I may do to them.
 */
export function MemberList({ serverId, ownerId }: { serverId: string; ownerId: string | undefined }) {
  const members = useMembers(serverId);
  const roles = useRoles(serverId);
  const access = useAccess(serverId);
  const [menu, setMenu] = useState<{ member: Member; at: { x: number; y: number } }>();
  const [moderation, setModeration] = useState<ModerationAction>();
  const [profile, setProfile] = useState<{ member: Member; anchor: DOMRect }>();
  const presencesLoaded = usePresences(serverId);
  const statuses = usePresenceStore((s) => s.statuses);
  const myId = access.myId;
  const sheetOpen = useLayout((s) => s.membersOpen);
  // Until presences arrive nobody is split off as offline, so the list does not jump around.
  const isOnline = presencesLoaded
    ? (m: Member) => m.user.id === myId || (statuses[m.user.id] ?? "offline") !== "offline"
    : undefined;
  const groups = groupMembers(members.data ?? [], roles.data ?? [], isOnline);
  const highFirst = [...(roles.data ?? [])].reverse();

  const openMenu = (event: MouseEvent, member: Member) => {
    // Everyone else can at least be messaged; my own row opens only if I may change something.
    if (member.user.id === access.myId && !memberActions(access, member).any) return;
    event.preventDefault();
    // The menu key (or Shift+F10) on a focused row has no pointer position: open beside the row.
    const box = (event.target as HTMLElement).getBoundingClientRect();
    const fromKeyboard = event.clientX === 0 && event.clientY === 0;
    setMenu({ member, at: fromKeyboard ? { x: box.left + 16, y: box.bottom } : { x: event.clientX, y: event.clientY } });
  };

  return (
    <aside
      aria-label="Members"
      className={cn("scroll-thin w-60 shrink-0 overflow-y-auto bg-sidebar px-2 pb-4 xl:block", memberPanelClass(sheetOpen))}
    >
      {groups.map((group) => (
        <section
          key={group.offline ? "offline" : (group.role?.id ?? "members")}
          data-testid="member-group"
          data-role={group.role?.name ?? ""}
          data-offline={group.offline ? "true" : undefined}
        >
          <h2 className="px-2 pb-1 pt-6 text-xs font-semibold uppercase tracking-wide text-text-muted">
            {group.offline ? "Offline" : (group.role?.name ?? (isOnline ? "Online" : "Members"))} — {group.members.length}
          </h2>
          <ul>
            {group.members.map((member) => (
              <MemberRow
                key={member.user.id}
                member={member}
                role={topRole(member, highFirst)}
                owner={member.user.id === ownerId}
                offline={!!group.offline}
                onContextMenu={(event) => openMenu(event, member)}
                onOpenProfile={(event) => setProfile({ member, anchor: besideAnchor(event.currentTarget, "left") })}
              />
            ))}
          </ul>
        </section>
      ))}
      {menu && (
        <MemberMenu
          serverId={serverId}
          member={members.data?.find((m) => m.user.id === menu.member.user.id) ?? menu.member}
          at={menu.at}
          onClose={() => setMenu(undefined)}
          onModerate={(kind) => setModeration({ kind, member: menu.member })}
        />
      )}
      <ModerationDialog serverId={serverId} action={moderation} onClose={() => setModeration(undefined)} />
      {profile && (
        <ProfilePopover
          userId={profile.member.user.id}
          fallbackName={displayName(profile.member)}
          anchor={profile.anchor}
          align="end"
          onClose={() => setProfile(undefined)}
        />
      )}
    </aside>
  );
}

interface MemberRowProps {
  member: Member;
  role: Role | undefined;
  owner: boolean;
  offline: boolean;
  onContextMenu: (event: MouseEvent) => void;
  onOpenProfile: (event: MouseEvent<HTMLElement>) => void;
}

function MemberRow({ member, role, owner, offline, onContextMenu, onOpenProfile }: MemberRowProps) {
  const timedOut = isTimedOut(member);
  const customStatus = useCustomStatusText(member.user.id);
  return (
    <li data-testid="member" data-user-id={member.user.id} onContextMenu={onContextMenu}>
      <button
        type="button"
        onClick={onOpenProfile}
        className={`flex h-11 w-full items-center gap-3 rounded px-2 text-left hover:bg-hover ${offline ? "opacity-70 hover:opacity-100" : ""}`}
      >
        <span className="relative">
          <Avatar id={member.user.id} name={member.user.name} image={member.user.image} size={32} />
          <StatusDot userId={member.user.id} className="border-sidebar" />
        </span>
        <span className="min-w-0 flex-1 leading-tight">
          <span className="flex items-center gap-1">
            <span
              className="truncate font-medium text-text"
              style={{ color: role ? roleColor(role.color) : undefined, opacity: timedOut ? 0.6 : undefined }}
            >
              {displayName(member)}
            </span>
            {owner && <Crown size={14} aria-label="Server owner" className="shrink-0 text-warning" />}
            {timedOut && <Clock size={14} aria-label="Timed out" className="shrink-0 text-text-muted" />}
          </span>
          {customStatus && (
            <span className="block truncate text-xs text-text-muted" data-testid="member-custom-status">
              {customStatus}
            </span>
          )}
        </span>
      </button>
    </li>
  );
}
