/**
 * The ring of an incoming call, made with WebAudio (no sound file to fetch). Browsers let
 * a page play sound only after the person has interacted with it: the context is resumed
 * at once (which works after any earlier click or key on the page), and otherwise on the
 * next one while the ring lasts. Until then the ring is only seen, never an error.
 */
import { type Note, audioContext, playNotes } from "../../lib/tones";

/** One ring: two short rising notes, then a pause; repeated until stopped. */
const pattern: Note[] = [
  { at: 0, freq: 659.25, length: 0.16 },
  { at: 0.2, freq: 880, length: 0.2 },
  { at: 0.6, freq: 659.25, length: 0.16 },
  { at: 0.8, freq: 880, length: 0.2 },
];
const periodMs = 2_500;
const volume = 0.12;

/** Starts ringing; the returned function stops it at once. */
export function startRing(): () => void {
  const ctx = audioContext();
  if (!ctx) return () => undefined;
  const out = ctx.createGain();
  out.gain.value = volume;
  out.connect(ctx.destination);
  let stopped = false;
  const tick = () => {
    if (!stopped && ctx.state === "running") playNotes(ctx, out, pattern, "tone", 0.02);
  };
  const resume = () => {
    if (stopped || ctx.state === "running") return;
    // Allowed only after a gesture: a refusal leaves the ring silent, nothing more.
    void ctx.resume().then(tick, () => undefined);
  };
  const gestures = ["pointerdown", "keydown"] as const;
  for (const g of gestures) window.addEventListener(g, resume, { capture: true });
  if (ctx.state === "running") tick();
  else resume();
  const timer = setInterval(tick, periodMs);
  return () => {
    stopped = true;
    clearInterval(timer);
    for (const g of gestures) window.removeEventListener(g, resume, { capture: true });
    // Cut the notes already scheduled.
    out.gain.cancelScheduledValues(ctx.currentTime);
    out.gain.setValueAtTime(0, ctx.currentTime);
    out.disconnect();
  };
}
