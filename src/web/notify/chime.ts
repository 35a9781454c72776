/**
 * The notification sound: two short soft notes made with WebAudio (no sound file). A page
 * may play sound only after the person has interacted with it, so without a gesture on
 * this page yet it stays silent rather than failing.
 */
import { type Note, audioContext, playNotes } from "../lib/tones";

const notes: Note[] = [
  { at: 0, freq: 783.99, length: 0.11 },
  { at: 0.1, freq: 1046.5, length: 0.18 },
];
const volume = 0.1;

function hadGesture(): boolean {
  const activation = (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }).userActivation;
  // Without the API (older Safari), try: a refused resume() is silent anyway.
  return activation ? activation.hasBeenActive : true;
}

export function playChime(): void {
  if (typeof window === "undefined" || !hadGesture()) return;
  const ctx = audioContext();
  if (!ctx) return;
  const play = () => {
    const out = ctx.createGain();
    out.gain.value = volume;
    out.connect(ctx.destination);
    playNotes(ctx, out, notes, "pluck", 0.01);
    setTimeout(() => out.disconnect(), 600);
  };
  if (ctx.state === "running") play();
  else void ctx.resume().then(play, () => undefined);
}
