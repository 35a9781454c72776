"use client";

import { useEffect, useRef } from "react";
import { cn } from "../../lib/cn";

/** A video track in a <video>; sound is played elsewhere (call-audio), so this is always muted. */
export function VideoView({ track, mirror, fit = "cover", className }: { track: MediaStreamTrack; mirror?: boolean; fit?: "cover" | "contain"; className?: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    video.srcObject = new MediaStream([track]);
    return () => {
      video.srcObject = null;
    };
  }, [track]);
  return (
    <video
      ref={ref}
      autoPlay
      playsInline
      muted
      data-testid="voice-video"
      className={cn("size-full bg-black", fit === "cover" ? "object-cover" : "object-contain", mirror && "-scale-x-100", className)}
    />
  );
}

/** One remote sound track; deafened means silent here, and the speaker choice applies. `userId` and `slot` name it for tests. */
export function AudioSink({ track, muted, speakerId, userId, slot }: { track: MediaStreamTrack; muted: boolean; speakerId: string | null; userId?: string; slot?: string }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const audio = ref.current;
    if (!audio) return;
    audio.srcObject = new MediaStream([track]);
    return () => {
      audio.srcObject = null;
    };
  }, [track]);
  useEffect(() => {
    // setSinkId is missing in some browsers; they play on the default output.
    const audio = ref.current;
    if (audio && "setSinkId" in audio) void audio.setSinkId(speakerId ?? "").catch(() => undefined);
  }, [speakerId]);
  return <audio ref={ref} autoPlay muted={muted} data-testid="voice-audio" data-user-id={userId} data-slot={slot} />;
}
