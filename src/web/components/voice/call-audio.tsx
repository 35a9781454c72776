"use client";

import { useVoiceStore } from "../../stores/voice";
import { useMediaStore } from "../../voice/media-store";
import { AudioSink } from "./media-view";

/** Everyone's sound, mounted by the app shell so it keeps playing on any page during a call. */
export default function CallAudio() {
  const remote = useMediaStore((s) => s.remote);
  const speakerId = useMediaStore((s) => s.prefs.speakerId);
  const deaf = useVoiceStore((s) => !!s.call?.selfDeaf);
  return (
    <div hidden>
      {Object.entries(remote).flatMap(([userId, tracks]) =>
        (["audio", "screenAudio"] as const).map((slot) => {
          const track = tracks[slot];
          return track ? <AudioSink key={`${userId}:${slot}`} track={track} muted={deaf} speakerId={speakerId} userId={userId} slot={slot} /> : null;
        }),
      )}
    </div>
  );
}
