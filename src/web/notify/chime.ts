/**
 * The notification sound: two short soft notes made with WebAudio (no sound file). A page
 * may play sound only after the person has interacted with it, so without a gesture on
 * this page yet it stays silent rather than failing.
 */
let context: AudioContext | null = null;

const notes = [
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
  if (typeof window === "undefined" || !window.AudioContext || !hadGesture()) return;
  try {
    context ??= new window.AudioContext();
  } catch {
    return;
  }
  const ctx = context;
  const play = () => {
    const out = ctx.createGain();
    out.gain.value = volume;
    out.connect(ctx.destination);
    const start = ctx.currentTime + 0.01;
    for (const note of notes) {
      const osc = ctx.createOscillator();
      const env = ctx.createGain();
      osc.type = "sine";
      osc.frequency.value = note.freq;
      const t = start + note.at;
      env.gain.setValueAtTime(0, t);
      env.gain.linearRampToValueAtTime(1, t + 0.01);
      env.gain.exponentialRampToValueAtTime(0.001, t + note.length);
      osc.connect(env).connect(out);
      osc.start(t);
      osc.stop(t + note.length + 0.02);
    }
    setTimeout(() => out.disconnect(), 600);
  };
  if (ctx.state === "running") play();
  else void ctx.resume().then(play, () => undefined);
}
