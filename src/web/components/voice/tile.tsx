"use client";

import { Monitor, Pin, PinOff, Signal } from "lucide-react";
import type { VoiceState } from "@/shared/voice";
import { cn } from "../../lib/cn";
import { useSpeaking } from "../../stores/voice";
import { qualityLevel, type Quality } from "../../voice/stats";
import { Avatar } from "../ui/avatar";
import { VideoView } from "./media-view";
import type { Person } from "./people";
import { StateIcons } from "./state-icons";

export interface TileProps {
  state: VoiceState;
  person: Person;
  kind: "camera" | "screen";
  track: MediaStreamTrack | undefined;
  isMe: boolean;
  quality: Quality | undefined;
  pinned: boolean;
  large?: boolean;
  onPin: () => void;
  onMenu?: (at: { x: number; y: number }) => void;
}

const qualityColors = { good: "text-success", fair: "text-warning", poor: "text-danger" } as const;

export function Tile({ state, person, kind, track, isMe, quality, pinned, large, onPin, onMenu }: TileProps) {
  const speaking = useSpeaking(state.channelId, state.userId);
  const level = quality && qualityLevel(quality);
  return (
    <div
      data-testid="voice-tile"
      data-user-id={state.userId}
      data-kind={kind}
      data-speaking={speaking && kind === "camera" ? "true" : undefined}
      data-video={track ? "true" : undefined}
      onContextMenu={
        onMenu &&
        ((e) => {
          e.preventDefault();
          onMenu({ x: e.clientX, y: e.clientY });
        })
      }
      className={cn(
        "group relative flex aspect-video items-center justify-center overflow-hidden rounded-lg bg-[#232428] ring-2",
        speaking && kind === "camera" ? "ring-success" : "ring-transparent",
        large && "max-h-full w-full",
      )}
    >
      {track ? (
        <VideoView track={track} mirror={isMe && kind === "camera"} fit={kind === "screen" ? "contain" : "cover"} />
      ) : kind === "screen" ? (
        <Monitor size={48} className="text-text-muted" />
      ) : (
        <Avatar id={state.userId} name={person.name} image={person.image} size={large ? 96 : 72} />
      )}
      <div className="absolute bottom-2 left-2 flex max-w-[80%] items-center gap-1.5 rounded bg-black/60 px-2 py-0.5 text-sm text-white">
        <span className="truncate" data-testid="voice-tile-name">
          {kind === "screen" ? `${person.name}'s screen` : person.name}
        </span>
        {kind === "camera" && <StateIcons state={{ ...state, camera: false, screen: false }} className="text-white" />}
      </div>
      {level && !isMe && kind === "camera" && (
        <span
          className={cn("absolute right-2 top-2 rounded bg-black/60 p-1", qualityColors[level])}
          title={`Connection ${level}: ${Math.round(quality.loss * 100)}% loss${quality.rttMs === null ? "" : `, ${quality.rttMs} ms`}`}
          data-testid="voice-quality"
          data-level={level}
        >
          <Signal size={14} />
        </span>
      )}
      <button
        type="button"
        onClick={onPin}
        aria-label={pinned ? "Unpin" : "Pin"}
        title={pinned ? "Unpin" : "Pin"}
        data-testid="voice-tile-pin"
        className="absolute left-2 top-2 rounded bg-black/60 p-1 text-white opacity-0 focus-visible:opacity-100 group-hover:opacity-100"
      >
        {pinned ? <PinOff size={16} /> : <Pin size={16} />}
      </button>
    </div>
  );
}
