/**
 * Code the SFU benchmark runs inside the Chromium pages. Kept as source text, not as
 * functions: tsx compiles functions with name helpers (`__name`) that do not exist in
 * the page, so Playwright could not serialize them.
 */
import type { Page } from "playwright-core";

/** One RTP stream as the page's getStats sees it. */
export interface RtpSample {
  key: string;
  direction: "in" | "out";
  kind: "audio" | "video";
  bytes: number;
  frames: number;
  width: number;
  height: number;
}

/**
 * Before the app's scripts: every RTCPeerConnection it makes is kept for getStats (the
 * app does not expose its own), and the camera is asked for as 640×480 at 20 fps, so
 * every run encodes the same picture whatever the app's preferred size is.
 */
export const instrument = `
(() => {
  const pcs = [];
  window.__benchPcs = pcs;
  window.__benchEvents = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      const n = pcs.push(this);
      const t0 = performance.now();
      this.addEventListener("connectionstatechange", () => {
        window.__benchEvents.push("pc" + n + " " + this.connectionState + " +" + Math.round(performance.now() - t0) + "ms");
      });
    }
  };
  const media = navigator.mediaDevices;
  if (!media) return;
  const gum = media.getUserMedia.bind(media);
  media.getUserMedia = (c) => {
    if (!c || !c.video) return gum(c);
    const base = typeof c.video === "object" ? c.video : {};
    return gum({ ...c, video: { ...base, width: { exact: 640 }, height: { exact: 480 }, frameRate: { exact: 20 } } });
  };
})();
`;

const sampleScript = `
(async () => {
  const out = [];
  const pcs = window.__benchPcs || [];
  for (let i = 0; i < pcs.length; i++) {
    const pc = pcs[i];
    if (pc.connectionState === "closed") continue;
    const report = await pc.getStats();
    report.forEach((s) => {
      if (s.type !== "inbound-rtp" && s.type !== "outbound-rtp") return;
      const inbound = s.type === "inbound-rtp";
      out.push({
        key: i + ":" + s.id,
        direction: inbound ? "in" : "out",
        kind: s.kind,
        bytes: (inbound ? s.bytesReceived : s.bytesSent) || 0,
        frames: (inbound ? s.framesDecoded : s.framesEncoded) || 0,
        width: s.frameWidth || 0,
        height: s.frameHeight || 0,
      });
    });
  }
  return out;
})()
`;

/** Every RTP stream of the page's open peer connections, now. */
export function sample(page: Page): Promise<RtpSample[]> {
  return page.evaluate(sampleScript) as Promise<RtpSample[]>;
}

/**
 * Arms a timer in the page: from the next click on the Join button to the first video
 * frame decoded on a peer connection made after that click (getStats polled every 10 ms,
 * in the page, so the bench's own round trips do not count); also when that connection
 * reached `connected`. Read the result with `joinTiming`.
 */
export function armJoinTimer(page: Page, timeoutMs: number): Promise<unknown> {
  return page.evaluate(`(() => {
    window.__benchJoin = (async () => {
      const known = new Set(window.__benchPcs || []);
      const clickAt = await new Promise((resolve) => {
        const onClick = (e) => {
          if (!(e.target instanceof Element) || !e.target.closest('[data-testid="voice-join"]')) return;
          document.removeEventListener("click", onClick, true);
          resolve(performance.now());
        };
        document.addEventListener("click", onClick, true);
      });
      let connectedMs = -1;
      while (performance.now() - clickAt < ${timeoutMs}) {
        for (const pc of window.__benchPcs || []) {
          if (known.has(pc) || pc.connectionState === "closed") continue;
          if (connectedMs < 0 && pc.connectionState === "connected") connectedMs = performance.now() - clickAt;
          const report = await pc.getStats();
          let frames = 0;
          report.forEach((s) => {
            if (s.type === "inbound-rtp" && s.kind === "video") frames = Math.max(frames, s.framesDecoded || 0);
          });
          if (frames > 0) return { frameMs: performance.now() - clickAt, connectedMs };
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      return { frameMs: -1, connectedMs };
    })();
    return true;
  })()`);
}

export async function joinTiming(page: Page): Promise<{ frameMs: number; connectedMs: number }> {
  return (await page.evaluate("window.__benchJoin")) as { frameMs: number; connectedMs: number };
}

/** A failure's evidence: each open peer connection's state and its inbound video streams' decoded frames. */
export function describe(page: Page): Promise<string> {
  return page.evaluate(`(async () => {
    const parts = [];
    for (const pc of window.__benchPcs || []) {
      if (pc.connectionState === "closed") continue;
      const frames = [];
      (await pc.getStats()).forEach((s) => {
        if (s.type === "inbound-rtp" && s.kind === "video") frames.push((s.framesDecoded || 0) + "/" + (s.packetsReceived || 0) + "p");
      });
      parts.push(pc.connectionState + " [" + frames.join(" ") + "]");
    }
    const room = document.querySelector('[data-testid="voice-room"]');
    const texts = [...document.querySelectorAll('[data-testid="voice-status"], [data-testid="voice-error"]')].map((e) => e.textContent);
    const ui = room ? "room " + room.getAttribute("data-status") : document.querySelector('[data-testid="voice-join"]') ? "join screen" : "no room";
    const events = " {" + (window.__benchEvents || []).slice(-6).join(", ") + "}";
    return ui + events + (texts.length ? " (" + texts.join(" / ") + ")" : "") + "; " + (parts.join("; ") || "no open peer connection");
  })()`) as Promise<string>;
}
