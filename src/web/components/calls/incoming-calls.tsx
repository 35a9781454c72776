"use client";

import { Phone, PhoneOff, Video } from "lucide-react";
import { useRouter } from "next/navigation";
import { useShallow } from "zustand/react/shallow";
import { useEffect, useRef } from "react";
import type { CallInfo } from "@/shared/calls";
import { useDms } from "../../hooks/use-dms";
import { useReturnFocus } from "../../hooks/use-return-focus";
import { ringingFor, useCallsStore } from "../../stores/calls";
import { useLayout } from "../../stores/layout";
import { useVoiceStore } from "../../stores/voice";
import { dmName, isGroupDm } from "../dms/dm-format";
import { Avatar } from "../ui/avatar";
import { declineCall, joinCall } from "./start-call";
import { startRing } from "./ring-tone";

/**
 * Every call that rings for me, as cards stacked in a corner of whatever page is open.
 * One ring plays while any card shows and stops the moment the last one goes. The newest
 * card takes the focus (an alert dialog, so screen readers say who calls); Escape declines.
 */
export default function IncomingCalls({ myId }: { myId: string }) {
  const inCall = useVoiceStore((s) => s.call?.channelId);
  // A new array on every read: compared item by item, or the store would render for ever.
  const calls = useCallsStore(useShallow((s) => ringingFor(s, myId, inCall)));
  const any = calls.length > 0;

  useEffect(() => {
    if (!any) return;
    return startRing();
  }, [any]);

  // When the cards go, the focus goes back to where it was when they came (unless it moved on purpose).
  useReturnFocus();

  if (!any) return null;
  return (
    <div data-testid="incoming-calls" className="fixed right-4 top-4 z-50 flex w-80 flex-col gap-2 max-md:inset-x-2 max-md:top-2 max-md:w-auto">
      {calls.map((call, index) => (
        <IncomingCard key={call.id} call={call} myId={myId} newest={index === calls.length - 1} />
      ))}
    </div>
  );
}

function IncomingCard({ call, myId, newest }: { call: CallInfo; myId: string; newest: boolean }) {
  const router = useRouter();
  const dms = useDms();
  const dm = dms.data?.find((d) => d.id === call.channelId);
  const caller = dm?.recipients.find((r) => r.id === call.startedBy);
  const callerName = caller?.name ?? "Someone";
  const group = dm && isGroupDm(dm) ? dmName(dm) : undefined;
  const accept = useRef<HTMLButtonElement>(null);
  const titleId = `incoming-${call.id}-title`;
  const detailId = `incoming-${call.id}-detail`;

  useEffect(() => {
    if (newest) accept.current?.focus();
  }, [newest]);

  const answer = (video: boolean) => {
    useLayout.getState().setDrawerOpen(false);
    router.push(`/channels/me/${call.channelId}`);
    void joinCall(call.channelId, myId, video);
  };
  const decline = () => declineCall(call.channelId, call.id);

  return (
    <div
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={titleId}
      aria-describedby={detailId}
      data-testid="incoming-call"
      data-channel-id={call.channelId}
      data-call-id={call.id}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          decline();
        }
      }}
      className="flex flex-col items-center gap-3 rounded-lg bg-[#111214] p-4 text-center shadow-xl ring-1 ring-black/40"
    >
      <div className="relative">
        <span aria-hidden className="absolute inset-0 animate-ping rounded-full bg-success/40" />
        <Avatar id={call.startedBy} name={callerName} image={caller?.image} size={72} className="relative" />
      </div>
      <div className="min-w-0 max-w-full">
        <h2 id={titleId} className="truncate text-lg font-semibold text-text-strong" data-testid="incoming-call-caller">
          {callerName}
        </h2>
        <p id={detailId} className="truncate text-sm text-text-muted">
          {call.video ? "Incoming video call" : "Incoming call"}
          {group ? ` in ${group}` : ""}
        </p>
      </div>
      <div className="flex items-center gap-4">
        <RoundButton label="Decline" testId="incoming-call-decline" className="bg-danger hover:bg-danger-hover" onClick={decline}>
          <PhoneOff size={22} />
        </RoundButton>
        <RoundButton label="Accept with video" testId="incoming-call-video" className="bg-success hover:bg-success-hover" onClick={() => answer(true)} buttonRef={call.video ? accept : undefined}>
          <Video size={22} />
        </RoundButton>
        <RoundButton label="Accept" testId="incoming-call-accept" className="bg-success hover:bg-success-hover" onClick={() => answer(false)} buttonRef={call.video ? undefined : accept}>
          <Phone size={22} />
        </RoundButton>
      </div>
    </div>
  );
}

function RoundButton({
  label,
  testId,
  className,
  onClick,
  buttonRef,
  children,
}: {
  label: string;
  testId: string;
  className: string;
  onClick: () => void;
  buttonRef?: React.Ref<HTMLButtonElement>;
  children: React.ReactNode;
}) {
  return (
    <button
      ref={buttonRef}
      type="button"
      aria-label={label}
      title={label}
      data-testid={testId}
      onClick={onClick}
      className={`flex size-12 items-center justify-center rounded-full text-white transition-colors ${className}`}
    >
      {children}
    </button>
  );
}
