"use client";

import { Phone, PhoneCall } from "lucide-react";
import { useEffect, useMemo } from "react";
import type { DmChannel, SelfUser } from "@/shared/api";
import type { CallInfo } from "@/shared/calls";
import { api } from "../../api";
import { cn } from "../../lib/cn";
import { sortedOccupants, useRoom, useVoiceStore } from "../../stores/voice";
import { leaveRoom } from "../../voice/session";
import { Avatar } from "../ui/avatar";
import { Button } from "../ui/button";
import { CallControls } from "../voice/call-controls";
import { Grid } from "../voice/grid";
import type { Person } from "../voice/people";
import { joinCall, ringAgain } from "./start-call";

const statusText = { connecting: "Connecting…", reconnecting: "Reconnecting…", connected: "", failed: "" } as const;

/** Names and pictures of everyone in the conversation (me included), for tiles and rows. */
function useConversationPeople(dm: DmChannel, me: SelfUser): (userId: string) => Person {
  return useMemo(() => {
    const byId = new Map<string, Person>([[me.id, { name: me.name, image: me.image }]]);
    for (const r of dm.recipients) byId.set(r.id, { name: r.name, image: r.image });
    return (userId: string) => byId.get(userId) ?? { name: "Someone", image: null };
  }, [dm.recipients, me.id, me.name, me.image]);
}

/**
 * Who is in the call, read once when it is seen from outside (the conversation opened
 * mid-call); voice.state and voice.left keep it live from there.
 */
function useCallOccupants(channelId: string, callId: string | undefined, inIt: boolean): void {
  useEffect(() => {
    if (!callId || inIt) return;
    let current = true;
    api.channelCall(channelId).then(
      ({ states }) => {
        if (current) useVoiceStore.getState().loadRoom(channelId, states);
      },
      () => undefined, // the Join button still works; the list fills on the next change
    );
    return () => {
      current = false;
    };
  }, [channelId, callId, inIt]);
}

export interface DmCallPanelProps {
  dm: DmChannel;
  me: SelfUser;
  call: CallInfo | undefined;
}

/**
 * The call above a conversation's messages, as Discord draws it: in the call, everyone's
 * tiles, the controls and who else could be rung; outside it, who is in and a Join button.
 */
export default function DmCallPanel({ dm, me, call }: DmCallPanelProps) {
  const mine = useVoiceStore((s) => (s.call?.channelId === dm.id ? s.call : null));
  const people = useConversationPeople(dm, me);
  useCallOccupants(dm.id, call?.id, Boolean(mine));
  const occupants = sortedOccupants(useRoom(dm.id));

  if (!mine || mine.status === "failed") {
    return (
      <section aria-label="Call" data-testid="dm-call-panel" data-state={mine ? "failed" : "outside"} className="flex shrink-0 flex-col items-center gap-3 bg-black/30 px-4 py-4 text-center">
        <div className="flex -space-x-2">
          {occupants.slice(0, 8).map((s) => (
            <Avatar key={s.userId} id={s.userId} name={people(s.userId).name} image={people(s.userId).image} size={48} className="ring-4 ring-[#1e1f22]" />
          ))}
        </div>
        <p className="text-sm text-text">
          {occupants.length > 0 ? `${occupants.map((s) => people(s.userId).name).join(", ")} ${occupants.length === 1 ? "is" : "are"} in the call.` : "A call is open in this conversation."}
        </p>
        {mine?.error && (
          <p role="alert" data-testid="voice-error" className="max-w-md text-sm text-danger-soft">
            {mine.error}
          </p>
        )}
        <div className="flex gap-2">
          {call && (
            <Button variant="success" data-testid="dm-call-panel-join" onClick={() => void joinCall(dm.id, me.id, false)}>
              <Phone size={16} aria-hidden /> {mine ? "Try Again" : "Join Call"}
            </Button>
          )}
          {mine && (
            <Button variant="secondary" onClick={leaveRoom}>
              Dismiss
            </Button>
          )}
        </div>
      </section>
    );
  }

  const absent = dm.recipients.filter((r) => !occupants.some((s) => s.userId === r.id));
  return (
    <section
      aria-label="Call"
      data-testid="dm-call-panel"
      data-state="in-call"
      data-status={mine.status}
      className="flex h-[45vh] min-h-64 shrink-0 flex-col border-b border-rail bg-black/40 max-md:h-[52vh]"
    >
      <div data-testid="voice-room" data-status={mine.status} className="contents">
        {mine.status !== "connected" && (
          <p role="status" data-testid="voice-status" className="bg-[#f0b232] px-4 py-1 text-center text-sm font-medium text-black">
            {statusText[mine.status]}
          </p>
        )}
        {mine.error && (
          <p role="alert" data-testid="voice-error" className="bg-danger/20 px-4 py-1 text-center text-sm text-text-strong">
            {mine.error}
          </p>
        )}
        <Grid channelId={dm.id} myId={me.id} people={people} className="overflow-hidden p-3" fit />
        {absent.length > 0 && call && <RingList channelId={dm.id} myId={me.id} absent={absent} ringing={call.ringing} />}
        <CallControls canVideo />
      </div>
    </section>
  );
}

/** People in the conversation who are not in the call: each can be rung again. */
function RingList({ channelId, myId, absent, ringing }: { channelId: string; myId: string; absent: DmChannel["recipients"]; ringing: string[] }) {
  return (
    <ul aria-label="Not in the call" data-testid="dm-call-absent" className="flex shrink-0 flex-wrap justify-center gap-2 px-3 pt-1">
      {absent.map((person) => {
        const isRinging = ringing.includes(person.id);
        return (
          <li key={person.id} data-testid="dm-call-absent-person" data-user-id={person.id} data-ringing={isRinging ? "true" : "false"} className="flex items-center gap-2 rounded-full bg-[#2b2d31] py-1 pl-1 pr-1">
            <Avatar id={person.id} name={person.name} image={person.image} size={24} />
            <span className="max-w-32 truncate text-sm text-text">{person.name}</span>
            <button
              type="button"
              data-testid="dm-call-ring"
              disabled={isRinging}
              aria-label={isRinging ? `Ringing ${person.name}` : `Ring ${person.name}`}
              title={isRinging ? "Ringing…" : `Ring ${person.name} again`}
              onClick={() => void ringAgain(channelId, myId, [person.id])}
              className={cn(
                "flex h-7 items-center gap-1 rounded-full px-2 text-xs font-medium",
                isRinging ? "text-text-muted" : "bg-success text-white hover:bg-success-hover",
              )}
            >
              <PhoneCall size={14} aria-hidden className={isRinging ? "animate-pulse" : undefined} />
              {isRinging ? "Ringing…" : "Ring"}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
