/**
 * Which microphone, camera and speaker to use, and the audio processing switches,
 * remembered in this browser. A remembered device that is gone falls back to the default.
 */
export interface DevicePrefs {
  micId: string | null;
  cameraId: string | null;
  speakerId: string | null;
  noiseSuppression: boolean;
  echoCancellation: boolean;
}

const storageKey = "giga.voice.devices";

export const defaultPrefs: DevicePrefs = {
  micId: null,
  cameraId: null,
  speakerId: null,
  noiseSuppression: true,
  echoCancellation: true,
};

/** Reads what was saved, keeping only well-typed fields (the value may be from an older version). */
export function parsePrefs(raw: string | null): DevicePrefs {
  if (!raw) return defaultPrefs;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return defaultPrefs;
  }
  if (typeof parsed !== "object" || parsed === null) return defaultPrefs;
  const p = parsed as Record<string, unknown>;
  const id = (v: unknown) => (typeof v === "string" && v.length > 0 ? v : null);
  const flag = (v: unknown, fallback: boolean) => (typeof v === "boolean" ? v : fallback);
  return {
    micId: id(p.micId),
    cameraId: id(p.cameraId),
    speakerId: id(p.speakerId),
    noiseSuppression: flag(p.noiseSuppression, defaultPrefs.noiseSuppression),
    echoCancellation: flag(p.echoCancellation, defaultPrefs.echoCancellation),
  };
}

export function loadPrefs(): DevicePrefs {
  if (typeof localStorage === "undefined") return defaultPrefs;
  return parsePrefs(localStorage.getItem(storageKey));
}

export function savePrefs(prefs: DevicePrefs): void {
  localStorage.setItem(storageKey, JSON.stringify(prefs));
}

/** `ideal`, not `exact`: an unplugged device must not make the call fail. */
export function micConstraints(prefs: DevicePrefs): MediaTrackConstraints {
  return {
    ...(prefs.micId ? { deviceId: { ideal: prefs.micId } } : {}),
    noiseSuppression: prefs.noiseSuppression,
    echoCancellation: prefs.echoCancellation,
    autoGainControl: true,
  };
}

export function cameraConstraints(prefs: DevicePrefs): MediaTrackConstraints {
  return {
    ...(prefs.cameraId ? { deviceId: { ideal: prefs.cameraId } } : {}),
    width: { ideal: 1280 },
    height: { ideal: 720 },
    frameRate: { ideal: 30 },
  };
}

/** What getUserMedia's refusal means for a person. */
export function describeMediaError(error: unknown, what: "microphone" | "camera" | "screen"): string {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") {
    return what === "screen" ? "Screen sharing was cancelled or blocked." : `The browser blocked the ${what}. Allow it in the site settings.`;
  }
  if (name === "NotFoundError" || name === "OverconstrainedError") return `No ${what} was found.`;
  if (name === "NotReadableError") return `The ${what} is in use by another program.`;
  return `Could not start the ${what}.`;
}
