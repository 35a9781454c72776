/**
 * Sounds made with WebAudio (no sound file to fetch): the one audio context of the page,
 * and sine notes scheduled into an output. Browsers start a context only after a gesture
 * on the page; callers resume it and stay silent when refused.
 */
export interface Note {
  /** Seconds after the start. */
  at: number;
  freq: number;
  /** Seconds. */
  length: number;
}

let context: AudioContext | null = null;

/** The page's audio context, made on first use; null where there is no WebAudio. */
export function audioContext(): AudioContext | null {
  if (context) return context;
  const Ctor = typeof window === "undefined" ? undefined : window.AudioContext;
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    return null;
  }
  return context;
}

/**
 * Schedules the notes into `out`, `lead` seconds from now. "pluck": a quick attack and an
 * exponential fade (a chime); "tone": a held note with soft edges (a ring). No clicks.
 */
export function playNotes(ctx: AudioContext, out: AudioNode, notes: readonly Note[], shape: "pluck" | "tone", lead: number): void {
  const start = ctx.currentTime + lead;
  for (const note of notes) {
    const osc = ctx.createOscillator();
    const env = ctx.createGain();
    osc.type = "sine";
    osc.frequency.value = note.freq;
    const t = start + note.at;
    env.gain.setValueAtTime(0, t);
    if (shape === "pluck") {
      env.gain.linearRampToValueAtTime(1, t + 0.01);
      env.gain.exponentialRampToValueAtTime(0.001, t + note.length);
    } else {
      env.gain.linearRampToValueAtTime(1, t + 0.02);
      env.gain.setValueAtTime(1, t + note.length - 0.04);
      env.gain.linearRampToValueAtTime(0, t + note.length);
    }
    osc.connect(env).connect(out);
    osc.start(t);
    osc.stop(t + note.length + (shape === "pluck" ? 0.02 : 0.01));
  }
}
