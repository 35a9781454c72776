"use client";

import { HeadphoneOff, Headphones, Mic, MicOff, PhoneOff, Signal } from "lucide-react";
import Link from "next/link";
import { useDm } from "../../hooks/use-dms";
import { useChannels } from "../../hooks/use-servers";
import { cn } from "../../lib/cn";
import { useVoiceStore } from "../../stores/voice";
import { useMediaStore } from "../../voice/media-store";
import { leaveRoom, toggleDeafen, toggleMute } from "../../voice/session";
import { dmName } from "../dms/dm-format";
import { ControlButton } from "./call-controls";

const labels = { connecting: "Connecting…", reconnecting: "Reconnecting…", connected: "Voice Connected", failed: "Could not connect" } as const;

/** The call at the bottom of the channel list: it stays while reading other channels. */
export default function CallBar() {
  const call = useVoiceStore((s) => s.call);
  const rtt = useMediaStore((s) => Object.values(s.quality).find((q) => q.rttMs !== null)?.rttMs ?? null);
  if (!call) return null;
  const ok = call.status === "connected";
  return (
    <section aria-label="Call" data-testid="call-bar" data-status={call.status} className="border-t border-rail bg-[#232428] px-2 py-1.5">
      <div className="flex items-center gap-2">
        <Signal size={16} className={cn("shrink-0", ok ? "text-success" : call.status === "failed" ? "text-danger" : "text-warning")} />
        <div className="min-w-0 flex-1 leading-tight">
          <p className={cn("truncate text-sm font-semibold", ok ? "text-success" : call.status === "failed" ? "text-danger-soft" : "text-warning")} title={rtt === null ? undefined : `${rtt} ms`}>
            {labels[call.status]}
          </p>
          {call.serverId ? <RoomLink serverId={call.serverId} channelId={call.channelId} /> : <ConversationLink channelId={call.channelId} />}
        </div>
        <ControlButton small label="Leave" onClick={leaveRoom} testId="call-bar-leave">
          <PhoneOff size={18} />
        </ControlButton>
      </div>
      <div className="mt-1 flex gap-1">
        <ControlButton small label={call.selfMute ? "Unmute" : "Mute"} active={call.selfMute} onClick={toggleMute} testId="call-bar-mute">
          {call.selfMute ? <MicOff size={18} /> : <Mic size={18} />}
        </ControlButton>
        <ControlButton small label={call.selfDeaf ? "Undeafen" : "Deafen"} active={call.selfDeaf} onClick={toggleDeafen} testId="call-bar-deafen">
          {call.selfDeaf ? <HeadphoneOff size={18} /> : <Headphones size={18} />}
        </ControlButton>
      </div>
    </section>
  );
}

const linkClass = "block truncate text-xs text-text-muted hover:underline";

function RoomLink({ serverId, channelId }: { serverId: string; channelId: string }) {
  const channels = useChannels(serverId);
  const channel = channels.data?.find((c) => c.id === channelId);
  return (
    <Link href={`/channels/${serverId}/${channelId}`} className={linkClass} data-testid="call-bar-channel">
      {channel?.name ?? "Voice room"}
    </Link>
  );
}

/** A call in a direct conversation: the person's or group's name, back to the conversation. */
function ConversationLink({ channelId }: { channelId: string }) {
  const { dm } = useDm(channelId);
  return (
    <Link href={`/channels/me/${channelId}`} className={linkClass} data-testid="call-bar-channel">
      {dm ? dmName(dm) : "Call"}
    </Link>
  );
}
