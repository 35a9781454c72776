/**
 * What a person in a call receives, read the way WebRTC reports it: the inbound-rtp
 * counters of the page's peer connections (getStats), each matched to a person and a
 * slot through the track the UI draws (a tile's <video>, a named <audio>). Growth is
 * waited on by condition, never by time.
 */
import { execFileSync } from "node:child_process";
import type { Browser, BrowserContext, Page } from "playwright-core";

/** Per person: camera and screen frames decoded, microphone and screen-sound bytes received. */
export interface Received {
  camera?: number;
  screen?: number;
  audio?: number;
  screenAudio?: number;
}
export type Counter = keyof Received;
export type Receiving = Record<string, Received>;

/**
 * Keeps every RTCPeerConnection the page makes in `window.__voicePcs`, so a test can read
 * its stats; and makes the fake camera and screen small (320x180), as a cheap webcam
 * would be, so five people's encoders and decoders fit on a shared two-core machine.
 */
export async function recordPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const small = { width: { ideal: 320 }, height: { ideal: 180 } };
    const devices = navigator.mediaDevices;
    const getUserMedia = devices.getUserMedia.bind(devices);
    const getDisplayMedia = devices.getDisplayMedia.bind(devices);
    devices.getUserMedia = (c?: MediaStreamConstraints) =>
      getUserMedia(c?.video ? { ...c, video: { ...(typeof c.video === "object" ? c.video : {}), ...small } } : c);
    devices.getDisplayMedia = (c?: DisplayMediaStreamOptions) =>
      getDisplayMedia({ ...c, video: { ...(typeof c?.video === "object" ? c.video : {}), ...small } });
    const Original = window.RTCPeerConnection;
    const made: RTCPeerConnection[] = [];
    Object.assign(window, { __voicePcs: made });
    class Recorded extends Original {
      constructor(config?: RTCConfiguration) {
        super(config);
        made.push(this);
      }
    }
    window.RTCPeerConnection = Recorded;
  });
}

/** One sample of everything this page receives, by person. */
export function receiving(page: Page): Promise<Receiving> {
  return page.evaluate(async () => {
    const pcs = ((window as unknown as { __voicePcs?: RTCPeerConnection[] }).__voicePcs ?? []).filter((pc) => pc.connectionState !== "closed");
    // A track id can own several inbound-rtp entries over time (an m-line reused after a
    // renegotiation); their sum grows exactly when any of them does.
    const byTrack = new Map<string, { bytes: number; frames: number }>();
    for (const pc of pcs) {
      const report = await pc.getStats();
      report.forEach((entry: { type: string; trackIdentifier?: string; bytesReceived?: number; framesDecoded?: number }) => {
        if (entry.type !== "inbound-rtp" || !entry.trackIdentifier) return;
        const sum = byTrack.get(entry.trackIdentifier) ?? { bytes: 0, frames: 0 };
        sum.bytes += entry.bytesReceived ?? 0;
        sum.frames += entry.framesDecoded ?? 0;
        byTrack.set(entry.trackIdentifier, sum);
      });
    }
    const trackOf = (el: HTMLMediaElement | null) => {
      const stream = el?.srcObject;
      return stream instanceof MediaStream ? stream.getTracks()[0]?.id : undefined;
    };
    const out: Record<string, Record<string, number>> = {};
    for (const tile of document.querySelectorAll<HTMLElement>('[data-testid="voice-tile"]')) {
      const { userId, kind } = tile.dataset;
      const id = trackOf(tile.querySelector("video"));
      const stats = id ? byTrack.get(id) : undefined;
      if (userId && kind && stats) (out[userId] ??= {})[kind] = stats.frames;
    }
    for (const audio of document.querySelectorAll<HTMLAudioElement>('audio[data-testid="voice-audio"]')) {
      const { userId, slot } = audio.dataset;
      const id = trackOf(audio);
      const stats = id ? byTrack.get(id) : undefined;
      if (userId && slot && stats) (out[userId] ??= {})[slot] = stats.bytes;
    }
    return out;
  });
}

/** The call as this page has it, for a failure's report: peer connections, status, what arrives. */
export async function describeCall(page: Page): Promise<unknown> {
  const pcs = await page.evaluate(() =>
    ((window as unknown as { __voicePcs?: RTCPeerConnection[] }).__voicePcs ?? []).map((pc) => ({
      connection: pc.connectionState,
      signaling: pc.signalingState,
      transceivers: pc.getTransceivers().map((t) => `${t.mid}:${t.currentDirection}:${t.receiver.track.kind}`),
    })),
  );
  const status = await page.locator('[data-testid="voice-room"], [data-testid="call-bar"]').evaluateAll((els) => els.map((e) => `${e.getAttribute("data-testid")}=${e.getAttribute("data-status")}`));
  const tiles = await page.locator('[data-testid="voice-tile"]').evaluateAll((els) => els.map((e) => `${e.getAttribute("data-user-id")}:${e.getAttribute("data-kind")}:${e.getAttribute("data-video") ?? "-"}`));
  return { url: page.url(), status, pcs, tiles, receiving: await receiving(page) };
}

export interface Expectation {
  userId: string;
  counters: Counter[];
}

const pollMs = 250;

async function until<T>(what: () => string, timeoutMs: number, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * Waits until every named counter has been seen and then grown: media from those people
 * is arriving and being decoded now (not only before). Fails naming what never grew.
 */
export async function waitForGrowth(page: Page, label: string, expected: Expectation[], timeoutMs = 30_000): Promise<void> {
  const first = new Map<string, number>();
  const grown = new Set<string>();
  const keys = expected.flatMap((e) => e.counters.map((c) => `${e.userId}:${c}`));
  let last: Receiving = {};
  await until(
    () => `${label}: no growth of ${keys.filter((k) => !grown.has(k)).join(", ")}; last sample ${JSON.stringify(last)}`,
    timeoutMs,
    async () => {
      last = await receiving(page);
      for (const { userId, counters } of expected) {
        for (const counter of counters) {
          const key = `${userId}:${counter}`;
          const value = last[userId]?.[counter];
          if (value === undefined) continue;
          const seen = first.get(key);
          if (seen === undefined) first.set(key, value);
          else if (value > seen) grown.add(key);
        }
      }
      return grown.size === keys.length ? true : undefined;
    },
  );
}

/**
 * Waits until `stalled` from this person stops growing over a window in which `flowing`
 * from the same person grows by `frames` frames: one stream is cut, the other is not.
 */
export async function waitForStall(page: Page, label: string, userId: string, stalled: Counter, flowing: Counter, frames = 20, timeoutMs = 30_000): Promise<void> {
  let before = (await receiving(page))[userId] ?? {};
  let last: Received = before;
  await until(
    () => `${label}: ${stalled} kept growing while ${flowing} flowed; last ${JSON.stringify(before)} -> ${JSON.stringify(last)}`,
    timeoutMs,
    async () => {
      last = (await receiving(page))[userId] ?? {};
      const flowed = (last[flowing] ?? 0) - (before[flowing] ?? 0);
      if (flowed < frames) return undefined;
      if (last[stalled] !== undefined && last[stalled] === before[stalled]) return true;
      before = last;
      return undefined;
    },
  );
}

/** The media server child under the app server's process (the production bundle's dist/sfu.mjs). */
export function sfuPid(serverPid: number): number | undefined {
  const lines = execFileSync("ps", ["--ppid", String(serverPid), "-o", "pid=,args="], { encoding: "utf8" }).split("\n");
  const line = lines.find((l) => l.includes("sfu.mjs"));
  return line ? Number(line.trim().split(/\s+/)[0]) : undefined;
}

/** Records, from now on, whether `text` ever shows in the call's status line or call bar (it may last only a moment). */
export async function watchForText(page: Page, text: string): Promise<void> {
  await page.evaluate((wanted) => {
    const state = { seen: false };
    Object.assign(window, { __voiceTextSeen: state });
    const check = () => {
      for (const el of document.querySelectorAll('[data-testid="voice-status"], [data-testid="call-bar"]')) {
        if (el.textContent?.includes(wanted)) state.seen = true;
      }
    };
    check();
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  }, text);
}

export function textWasSeen(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __voiceTextSeen?: { seen: boolean } }).__voiceTextSeen?.seen ?? false);
}

/**
 * A new window signed in as the person behind `cookie` (from an API sign-up), recording
 * its peer connections as `recordPeerConnections` does.
 */
export async function signedInContext(browser: Browser, baseUrl: string, cookie: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  await context.addCookies(
    cookie.split("; ").map((pair) => {
      const [name, value] = pair.split("=", 2) as [string, string];
      return { name, value, url: baseUrl };
    }),
  );
  await recordPeerConnections(context);
  return context;
}
