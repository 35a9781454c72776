"use client";

import { useMutation } from "@tanstack/react-query";
import { Crown, LogOut, Pencil, SmilePlus, UserMinus, UserPlus } from "lucide-react";
import { useState, type ReactNode } from "react";
import type { DmChannel, PublicUser } from "@/shared/api";
import { limits } from "@/shared/limits";
import { api } from "../../api";
import { useDmCacheUpdate } from "../../hooks/use-dms";
import { useMe } from "../../hooks/use-me";
import { describeError } from "../../lib/errors";
import { useToasts } from "../../stores/toasts";
import { useLayout } from "../../stores/layout";
import { cn } from "../../lib/cn";
import { memberPanelClass } from "../shell/member-sheet";
import { EmojiPicker } from "../chat/emoji-picker-lazy";
import { besideAnchor } from "../profile/banner";
import { ProfilePopover } from "../profile/profile-popover-lazy";
import { Avatar } from "../ui/avatar";
import { StatusDot } from "../ui/status-dot";
import { GroupPicker } from "./group-picker";
import { LeaveGroupDialog } from "./leave-group-dialog";
import { RenameGroupDialog } from "./rename-group-dialog";

/** A group's people (its creator crowned) and what can be done to it; the creator may remove people. */
export function GroupMembers({ dm }: { dm: DmChannel }) {
  const me = useMe();
  const updateCache = useDmCacheUpdate();
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [iconAt, setIconAt] = useState<DOMRect>();
  const [profile, setProfile] = useState<{ user: PublicUser; anchor: DOMRect }>();
  const people = me.data ? [me.data, ...dm.recipients] : dm.recipients;
  const mayRemove = !!me.data && dm.ownerId === me.data.id;
  const full = people.length >= limits.groupDmMax;

  const setIcon = useMutation({
    mutationFn: (icon: string | null) => api.updateGroupDm(dm.id, { icon }),
    onSuccess: updateCache,
    onError: (error) => useToasts.getState().show(describeError(error)),
  });
  // Below lg the column is hidden until the header asks for it (a sheet on phones).
  const sheetOpen = useLayout((s) => s.membersOpen);
  const remove = useMutation({
    mutationFn: (userId: string) => api.removeDmRecipient(dm.id, userId),
    onSuccess: (_, userId) => updateCache({ ...dm, recipients: dm.recipients.filter((r) => r.id !== userId) }),
    onError: (error) => useToasts.getState().show(describeError(error)),
  });

  return (
    <aside
      aria-label="Group members"
      data-testid="group-members"
      className={cn("scroll-thin w-60 shrink-0 overflow-y-auto bg-sidebar px-2 pb-4 lg:block", memberPanelClass(sheetOpen))}
    >
      <div className="flex flex-col gap-0.5 border-b border-divider py-3">
        <Action icon={<UserPlus size={16} />} testId="group-add" disabled={full} onClick={() => setAdding(true)}>
          {full ? "Group is full" : "Add people"}
        </Action>
        <Action icon={<Pencil size={16} />} testId="group-rename" onClick={() => setRenaming(true)}>
          Rename
        </Action>
        <Action icon={<SmilePlus size={16} />} testId="group-icon" onClick={(e) => setIconAt(e.currentTarget.getBoundingClientRect())}>
          Change icon
        </Action>
        {dm.icon && (
          <Action icon={<span className="text-base leading-none">{dm.icon}</span>} testId="group-icon-clear" onClick={() => setIcon.mutate(null)}>
            Remove icon
          </Action>
        )}
        <Action icon={<LogOut size={16} />} testId="group-leave" danger onClick={() => setLeaving(true)}>
          Leave group
        </Action>
      </div>
      <h2 className="px-2 pb-1 pt-4 text-xs font-semibold uppercase tracking-wide text-text-muted">Members — {people.length}</h2>
      <ul>
        {people.map((person) => (
          <li key={person.id} data-testid="group-member" data-user-id={person.id} className="group flex items-center rounded hover:bg-hover">
            <button
              type="button"
              onClick={(e) => setProfile({ user: person, anchor: besideAnchor(e.currentTarget, "left") })}
              className="flex h-11 min-w-0 flex-1 items-center gap-3 px-2 text-left"
            >
              <span className="relative">
                <Avatar id={person.id} name={person.name} image={person.image} size={32} />
                <StatusDot userId={person.id} className="border-sidebar group-hover:border-hover" />
              </span>
              <span className="truncate font-medium text-text">{person.name}</span>
              {person.id === dm.ownerId && <Crown size={14} aria-label="Group owner" className="shrink-0 text-warning" />}
            </button>
            {mayRemove && person.id !== me.data?.id && (
              <button
                type="button"
                aria-label={`Remove ${person.name} from group`}
                title="Remove from group"
                data-testid={`group-remove-${person.id}`}
                disabled={remove.isPending}
                onClick={() => remove.mutate(person.id)}
                className="mr-1 hidden rounded p-1 text-text-muted hover:text-danger-soft group-hover:block focus-visible:block"
              >
                <UserMinus size={16} />
              </button>
            )}
          </li>
        ))}
      </ul>
      {adding && <GroupPicker dm={dm} onClose={() => setAdding(false)} />}
      {renaming && <RenameGroupDialog dm={dm} onClose={() => setRenaming(false)} />}
      {leaving && <LeaveGroupDialog dm={dm} onClose={() => setLeaving(false)} />}
      {iconAt && <EmojiPicker anchor={iconAt} onPick={(emoji) => setIcon.mutate(emoji)} onClose={() => setIconAt(undefined)} />}
      {profile && (
        <ProfilePopover
          userId={profile.user.id}
          fallbackName={profile.user.name}
          anchor={profile.anchor}
          align="end"
          onClose={() => setProfile(undefined)}
        />
      )}
    </aside>
  );
}

interface ActionProps {
  icon: ReactNode;
  testId: string;
  danger?: boolean;
  disabled?: boolean;
  onClick: (event: React.MouseEvent<HTMLButtonElement>) => void;
  children: ReactNode;
}

function Action({ icon, testId, danger, disabled, onClick, children }: ActionProps) {
  return (
    <button
      type="button"
      data-testid={testId}
      disabled={disabled}
      onClick={onClick}
      className={`flex h-8 items-center gap-2 rounded px-2 text-left text-sm font-medium hover:bg-hover disabled:opacity-50 ${danger ? "text-danger-soft" : "text-text"}`}
    >
      <span className="flex w-4 justify-center">{icon}</span>
      {children}
    </button>
  );
}
