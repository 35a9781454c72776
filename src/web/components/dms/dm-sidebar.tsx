"use client";

import { Plus, Users } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { DmChannel } from "@/shared/api";
import { useAllPresences, useCloseDm, useDms } from "../../hooks/use-dms";
import { cn } from "../../lib/cn";
import { describeError } from "../../lib/errors";
import { UserPanel } from "../sidebar/user-panel";
import { CallBarSlot } from "../voice/voice-lazy";
import { drawerColumnClass } from "../shell/mobile-drawer";
import { Spinner } from "../ui/spinner";
import { DmItem } from "./dm-item";
import { isGroupDm } from "./dm-format";
import { GroupPicker } from "./group-picker";
import { LeaveGroupDialog } from "./leave-group-dialog";

/** The home view's left column: my conversations, most recent first. */
export function DmSidebar({ activeId }: { activeId: string | undefined }) {
  const dms = useDms();
  const closeDm = useCloseDm();
  const router = useRouter();
  const [picking, setPicking] = useState(false);
  const [leaving, setLeaving] = useState<DmChannel>();
  useAllPresences();

  const close = (dm: DmChannel) => {
    if (isGroupDm(dm)) return setLeaving(dm);
    closeDm.mutate(dm.id);
    if (dm.id === activeId) router.replace("/channels/me");
  };

  return (
    <aside aria-label="Direct Messages" data-drawer-links className={`flex w-60 shrink-0 flex-col bg-sidebar ${drawerColumnClass}`}>
      <div className="flex h-12 shrink-0 items-center border-b border-rail px-4 shadow-sm">
        <h1 className="font-semibold text-text-strong">Direct Messages</h1>
      </div>
      <div className="scroll-thin min-h-0 flex-1 overflow-y-auto px-2">
        {/* The people list, as Discord's Friends entry; on a phone it closes the drawer to show it. */}
        <Link
          href="/channels/me"
          data-testid="friends-link"
          aria-current={activeId === undefined ? "page" : undefined}
          className={cn(
            "mt-2 flex h-[42px] items-center gap-3 rounded px-2 text-[15px] font-medium max-md:h-12",
            activeId === undefined ? "bg-selected text-text-strong" : "text-text-muted hover:bg-hover hover:text-text",
          )}
        >
          <Users size={20} aria-hidden className="mx-1.5" />
          Friends
        </Link>
        <div className="flex items-center justify-between pb-1 pl-2 pt-4">
          <h2 className="text-xs font-semibold uppercase tracking-wide text-text-muted hover:text-text">Conversations</h2>
          <button
            type="button"
            aria-label="Create DM"
            title="Create DM"
            data-testid="new-group"
            onClick={() => setPicking(true)}
            className="rounded p-0.5 text-text-muted hover:text-text-strong max-md:p-3"
          >
            <Plus size={16} />
          </button>
        </div>
        {dms.isPending && (
          <div className="flex justify-center py-4">
            <Spinner />
          </div>
        )}
        {dms.error && <p className="px-2 text-sm text-danger-soft">{describeError(dms.error)}</p>}
        {dms.data?.length === 0 && (
          <p className="px-2 py-2 text-sm text-text-muted" data-testid="dm-list-empty">
            No conversations yet. Open someone’s profile and choose Message.
          </p>
        )}
        <ul data-testid="dm-list" className="flex flex-col gap-0.5">
          {dms.data?.map((dm) => (
            <DmItem key={dm.id} dm={dm} active={dm.id === activeId} onClose={() => close(dm)} />
          ))}
        </ul>
      </div>
      <CallBarSlot />
      <UserPanel />
      {picking && <GroupPicker onClose={() => setPicking(false)} />}
      {leaving && <LeaveGroupDialog dm={leaving} onClose={() => setLeaving(undefined)} />}
    </aside>
  );
}
