"use client";

import { Phone, UserPlus, Users, Video } from "lucide-react";
import { useState } from "react";
import type { DmChannel } from "@/shared/api";
import { limits } from "@/shared/limits";
import { cn } from "../../lib/cn";
import { SearchBox } from "../chat/channel-header";
import { statusLabels } from "../ui/status-dot";
import { useStatus } from "../../stores/presence";
import { DmAvatar } from "./dm-avatar";
import { dmName, isGroupDm } from "./dm-format";
import { GroupPicker } from "./group-picker";
import { DrawerButton } from "../shell/mobile-drawer";
import { useIsBelowLarge } from "../../hooks/use-breakpoint";
import { useLayout } from "../../stores/layout";
import { useMe } from "../../hooks/use-me";
import { useOpenCall } from "../../stores/calls";
import { useVoiceStore } from "../../stores/voice";
import { joinCall, prepareCall, startCall } from "../calls/start-call";
import { BellButton } from "../notifications/bell-button";
import { InboxButton } from "../notifications/inbox-button";

export interface DmHeaderProps {
  dm: DmChannel;
  membersOpen: boolean;
  onToggleMembers: () => void;
}

/** The other person (with their status) or the group, and what can be done with it. */
export function DmHeader({ dm, membersOpen, onToggleMembers }: DmHeaderProps) {
  const group = isGroupDm(dm);
  const [adding, setAdding] = useState(false);
  const full = dm.recipients.length + 1 >= limits.groupDmMax;
  // Below lg the list is a sheet, toggled in the layout store rather than by the conversation.
  const sheetOpen = useLayout((s) => s.membersOpen);
  const asSheet = useIsBelowLarge();
  const shown = asSheet ? sheetOpen : membersOpen;
  return (
    <header className="flex h-12 shrink-0 items-center gap-2 border-b border-rail px-4 shadow-sm">
      <DrawerButton />
      <DmAvatar dm={dm} size={24} ringClass="border-chat" />
      <h2 className="truncate font-semibold text-text-strong" data-testid="dm-title">
        {dmName(dm)}
      </h2>
      {!group && dm.recipients[0] && <PersonStatus userId={dm.recipients[0].id} />}
      <div className="ml-auto flex shrink-0 items-center gap-3 max-md:gap-0">
        <CallButtons channelId={dm.id} />
        {group && (
          <>
            <HeaderButton
              label={full ? "This group is full" : "Add people"}
              testId="dm-add-people"
              disabled={full}
              onClick={() => setAdding(true)}
            >
              <UserPlus size={20} />
            </HeaderButton>
            <HeaderButton
              label={shown ? "Hide Member List" : "Show Member List"}
              testId="dm-members-toggle"
              active={shown}
              onClick={() => (asSheet ? useLayout.getState().setMembersOpen(!sheetOpen) : onToggleMembers())}
            >
              <Users size={20} />
            </HeaderButton>
          </>
        )}
        <BellButton channelId={dm.id} serverId={null} name={dmName(dm)} />
        <SearchBox scope={dm.id} label="Search this conversation" />
        <InboxButton />
      </div>
      {adding && <GroupPicker dm={dm} onClose={() => setAdding(false)} />}
    </header>
  );
}

/** Start a voice or video call; while one is open without me, join it; in it, nothing to add. */
function CallButtons({ channelId }: { channelId: string }) {
  const myId = useMe().data?.id;
  const call = useOpenCall(channelId);
  const here = useVoiceStore((s) => s.call?.channelId === channelId && s.call.status !== "failed");
  if (!myId || here) return null;
  if (call) {
    return (
      <button
        type="button"
        data-testid="dm-call-join"
        onClick={() => void joinCall(channelId, myId, false)}
        onPointerEnter={prepareCall}
        onFocus={prepareCall}
        title="Join the call"
        className="flex h-8 items-center gap-1.5 rounded-full bg-success px-3 text-sm font-medium text-white hover:bg-success-hover max-md:h-9"
      >
        <Phone size={16} aria-hidden />
        Join Call
      </button>
    );
  }
  return (
    <>
      <HeaderButton label="Start Voice Call" testId="dm-call-voice" onClick={() => void startCall(channelId, myId, false)} onPrepare={prepareCall}>
        <Phone size={20} />
      </HeaderButton>
      <HeaderButton label="Start Video Call" testId="dm-call-video" onClick={() => void startCall(channelId, myId, true)} onPrepare={prepareCall}>
        <Video size={20} />
      </HeaderButton>
    </>
  );
}

function PersonStatus({ userId }: { userId: string }) {
  const status = useStatus(userId);
  return <span className="truncate text-sm text-text-muted max-md:hidden">{statusLabels[status]}</span>;
}

interface HeaderButtonProps {
  label: string;
  testId: string;
  active?: boolean;
  disabled?: boolean;
  onClick: () => void;
  /** Hover or focus: load what the click will need. */
  onPrepare?: () => void;
  children: React.ReactNode;
}

function HeaderButton({ label, testId, active, disabled, onClick, onPrepare, children }: HeaderButtonProps) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-pressed={active}
      data-testid={testId}
      disabled={disabled}
      onClick={onClick}
      onPointerEnter={onPrepare}
      onFocus={onPrepare}
      className={cn("flex items-center justify-center hover:text-text-strong disabled:opacity-40 max-md:size-11", active ? "text-text-strong" : "text-text-muted")}
    >
      {children}
    </button>
  );
}
