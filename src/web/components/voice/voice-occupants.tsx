"use client";

import { useState } from "react";
import type { VoiceState } from "@/shared/voice";
import { useAccess } from "../../hooks/use-access";
import { cn } from "../../lib/cn";
import { sortedOccupants, useRoom, useSpeaking } from "../../stores/voice";
import { useVoiceStates } from "../../voice/use-voice-states";
import { Avatar } from "../ui/avatar";
import { usePeople, type Person } from "./people";
import { StateIcons } from "./state-icons";
import { mayModerateVoice } from "./voice-actions";
import { VoiceMenu } from "./voice-lazy";

/** Who is in a voice room, under its row in the channel list: visible before joining. */
export function VoiceOccupants({ serverId, channelId }: { serverId: string; channelId: string }) {
  useVoiceStates(serverId);
  const room = useRoom(channelId);
  const people = usePeople(serverId);
  const access = useAccess(serverId);
  const [menu, setMenu] = useState<{ state: VoiceState; at: { x: number; y: number } }>();
  const occupants = sortedOccupants(room);
  if (occupants.length === 0) return null;
  const mayModerate = mayModerateVoice(access);
  return (
    <ul data-testid="voice-occupants" aria-label="In this room" className="mb-1 ml-7 flex flex-col gap-0.5">
      {occupants.map((state) => (
        <Occupant
          key={state.userId}
          state={state}
          person={people(state.userId)}
          onMenu={mayModerate ? (at) => setMenu({ state, at }) : undefined}
        />
      ))}
      {menu && (
        <VoiceMenu serverId={serverId} state={menu.state} name={people(menu.state.userId).name} at={menu.at} onClose={() => setMenu(undefined)} />
      )}
    </ul>
  );
}

function Occupant({ state, person, onMenu }: { state: VoiceState; person: Person; onMenu?: (at: { x: number; y: number }) => void }) {
  const speaking = useSpeaking(state.channelId, state.userId);
  return (
    <li
      data-testid="voice-occupant"
      data-user-id={state.userId}
      data-speaking={speaking ? "true" : undefined}
      onContextMenu={
        onMenu &&
        ((e) => {
          e.preventDefault();
          onMenu({ x: e.clientX, y: e.clientY });
        })
      }
      className="flex h-7 items-center gap-2 rounded px-1.5 text-sm text-text-muted hover:bg-hover hover:text-text"
    >
      <span className={cn("rounded-full ring-2", speaking ? "ring-success" : "ring-transparent")}>
        <Avatar id={state.userId} name={person.name} image={person.image} size={20} />
      </span>
      <span className="min-w-0 flex-1 truncate">{person.name}</span>
      <StateIcons state={state} />
    </li>
  );
}
