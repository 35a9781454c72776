"use client";

import { Video, Volume2 } from "lucide-react";
import { useState } from "react";
import type { Channel } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import type { VoiceState } from "@/shared/voice";
import { useAccess } from "../../hooks/use-access";
import { useMe } from "../../hooks/use-me";
import { can } from "../../lib/permissions";
import { sortedOccupants, useRoom, useVoiceStore } from "../../stores/voice";
import { joinRoom, leaveRoom } from "../../voice/session";
import { useVoiceStates } from "../../voice/use-voice-states";
import { Avatar } from "../ui/avatar";
import { Button } from "../ui/button";
import { CallControls } from "./call-controls";
import { usePeople } from "./people";
import { Grid } from "./grid";
import { mayModerateVoice } from "./voice-actions";
import { VoiceMenu } from "./voice-menu";

const statusText = { connecting: "Connecting…", reconnecting: "Reconnecting…", connected: "", failed: "" } as const;

/** A voice or video channel: the join screen, or the room with everyone's tiles. */
export default function VoiceRoom({ serverId, channel }: { serverId: string; channel: Channel }) {
  useVoiceStates(serverId);
  const call = useVoiceStore((s) => s.call);
  const myId = useMe().data?.id;
  const here = call?.channelId === channel.id;
  const kind = channel.type === "video" ? "video" : "audio";
  const may = (flag: bigint) => can(channel.permissions, flag);
  const join = () =>
    myId && joinRoom({ serverId, channelId: channel.id, kind, myId, canSpeak: may(Permission.Speak), canVideo: may(Permission.Video) });

  if (!here || !myId || call.status === "failed") {
    const refused = may(Permission.Connect) ? undefined : "You do not have permission to join this room.";
    return (
      <JoinScreen
        serverId={serverId}
        channel={channel}
        error={refused ?? (here ? call?.error : undefined)}
        onJoin={refused ? undefined : join}
        onDismiss={here ? leaveRoom : undefined}
      />
    );
  }
  return (
    <div className="flex min-h-0 flex-1 flex-col bg-black/30" data-testid="voice-room" data-status={call.status}>
      {call.status !== "connected" && (
        <p role="status" data-testid="voice-status" className="bg-[#f0b232] px-4 py-1 text-center text-sm font-medium text-black">
          {statusText[call.status]}
        </p>
      )}
      {call.error && (
        <p role="alert" data-testid="voice-error" className="bg-danger/20 px-4 py-1 text-center text-sm text-text-strong">
          {call.error}
        </p>
      )}
      <ServerGrid serverId={serverId} channelId={channel.id} myId={myId} />
      <CallControls canVideo={may(Permission.Video)} />
    </div>
  );
}

function JoinScreen({ serverId, channel, error, onJoin, onDismiss }: { serverId: string; channel: Channel; error?: string; onJoin?: () => void; onDismiss?: () => void }) {
  const occupants = sortedOccupants(useRoom(channel.id));
  const people = usePeople(serverId);
  const Icon = channel.type === "video" ? Video : Volume2;
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-4 p-6 text-center" data-testid="voice-join-screen">
      <Icon size={48} className="text-text-muted" />
      <h2 className="text-2xl font-bold text-text-strong">{channel.name}</h2>
      <p className="text-text-muted">{occupants.length === 0 ? "No one is here yet." : `${occupants.length} in the room`}</p>
      {occupants.length > 0 && (
        <div className="flex -space-x-2">
          {occupants.slice(0, 8).map((s) => (
            <Avatar key={s.userId} id={s.userId} name={people(s.userId).name} image={people(s.userId).image} size={36} className="ring-2 ring-chat" />
          ))}
        </div>
      )}
      {error && (
        <p role="alert" data-testid="voice-error" className="max-w-md text-danger-soft">
          {error}
        </p>
      )}
      <div className="flex gap-2">
        <Button variant="success" onClick={onJoin} disabled={!onJoin} data-testid="voice-join">
          {error ? "Try Again" : channel.type === "video" ? "Join Video" : "Join Voice"}
        </Button>
        {onDismiss && (
          <Button variant="secondary" onClick={onDismiss}>
            Cancel
          </Button>
        )}
      </div>
    </div>
  );
}

/** A server room's tiles: names from the server's members; moderators get the context menu. */
function ServerGrid({ serverId, channelId, myId }: { serverId: string; channelId: string; myId: string }) {
  const people = usePeople(serverId);
  const access = useAccess(serverId);
  const [menu, setMenu] = useState<{ state: VoiceState; at: { x: number; y: number } }>();
  return (
    <>
      <Grid channelId={channelId} myId={myId} people={people} onMenu={mayModerateVoice(access) ? (state, at) => setMenu({ state, at }) : undefined} />
      {menu && <VoiceMenu serverId={serverId} state={menu.state} name={people(menu.state.userId).name} at={menu.at} onClose={() => setMenu(undefined)} />}
    </>
  );
}
