/**
 * Voice activity from the microphone's level: an AnalyserNode sampled a few times a
 * second, with a short hold so the ring does not flicker between words.
 */
const threshold = 0.02; // RMS of the time-domain signal, 0..1
const holdSamples = 4; // about 400 ms of silence before "stopped speaking"
const intervalMs = 100;

export function watchSpeaking(track: MediaStreamTrack, onChange: (speaking: boolean) => void): () => void {
  const context = new AudioContext();
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let speaking = false;
  let quiet = 0;
  const timer = setInterval(() => {
    // A muted track still flows (silence), so muting ends "speaking" by itself.
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const v of samples) sum += v * v;
    const loud = track.enabled && Math.sqrt(sum / samples.length) > threshold;
    quiet = loud ? 0 : quiet + 1;
    const next = loud || (speaking && quiet < holdSamples);
    if (next !== speaking) {
      speaking = next;
      onChange(speaking);
    }
  }, intervalMs);
  return () => {
    clearInterval(timer);
    source.disconnect();
    void context.close();
    if (speaking) onChange(false);
  };
}
