"use client";

import { Crown } from "lucide-react";
import type { Member } from "@/shared/api";
import { useMembers } from "../../hooks/use-servers";
import { InitialsIcon } from "../ui/initials-icon";

function displayName(member: Member): string {
  return member.nickname ?? member.user.name;
}

/** The right-hand column; only on wide screens, where Discord shows it too. */
export function MemberList({ serverId, ownerId }: { serverId: string; ownerId: string | undefined }) {
  const members = useMembers(serverId);
  const sorted = [...(members.data ?? [])].sort((a, b) => displayName(a).localeCompare(displayName(b)));

  return (
    <aside aria-label="Members" className="scroll-thin hidden w-60 shrink-0 overflow-y-auto bg-sidebar px-2 pb-4 xl:block">
      <h2 className="px-2 pb-1 pt-6 text-xs font-semibold uppercase tracking-wide text-text-muted">
        Members — {members.data?.length ?? 0}
      </h2>
      <ul>
        {sorted.map((member) => (
          <li key={member.user.id} className="flex h-11 items-center gap-3 rounded px-2 hover:bg-hover" data-testid="member">
            <InitialsIcon id={member.user.id} name={member.user.name} size={32} />
            <span className="truncate font-medium text-text">{displayName(member)}</span>
            {member.user.id === ownerId && (
              <Crown size={14} aria-label="Server owner" className="shrink-0 text-[#f0b232]" />
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}
