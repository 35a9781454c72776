import { HeadphoneOff, MicOff, Video } from "lucide-react";
import type { VoiceState } from "@/shared/voice";
import { cn, sets, utility } from "../../lib/cn";

/** Mute, deafen, camera and screen at a glance; a moderator's mute or deafen is red. Muted unless `className` gives a text colour. */
export function StateIcons({ state, size = 14, className }: { state: VoiceState; size?: number; className?: string }) {
  const muted = state.serverMute || state.selfMute;
  const deaf = state.serverDeaf || state.selfDeaf;
  return (
    <span className={cn("flex shrink-0 items-center gap-1", !sets(className, utility.textColour) && "text-text-muted", className)}>
      {state.screen && (
        <span data-testid="voice-icon-screen" title="Sharing their screen" className="rounded bg-danger px-1 text-[10px] font-bold leading-4 text-white">
          LIVE
        </span>
      )}
      {state.camera && <Video size={size} aria-label="Camera on" data-testid="voice-icon-camera" />}
      {muted && (
        <MicOff
          size={size}
          aria-label={state.serverMute ? "Muted by a moderator" : "Muted"}
          data-testid={state.serverMute ? "voice-icon-server-mute" : "voice-icon-mute"}
          className={cn(state.serverMute && "text-danger")}
        />
      )}
      {deaf && (
        <HeadphoneOff
          size={size}
          aria-label={state.serverDeaf ? "Deafened by a moderator" : "Deafened"}
          data-testid={state.serverDeaf ? "voice-icon-server-deaf" : "voice-icon-deaf"}
          className={cn(state.serverDeaf && "text-danger")}
        />
      )}
    </span>
  );
}
