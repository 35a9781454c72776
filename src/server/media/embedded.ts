/**
 * The embedded media backend: our own SFU (sfu/process.ts) in a child process, so media
 * never stalls chat and an SFU crash never takes the app down. The backend supervises
 * it: when the child dies, pending requests fail, a new child starts (with backoff) and
 * listeners hear `restarted`, so the voice feature can end every call and clients rejoin.
 */
import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import type { VoiceConnection } from "@/shared/voice";
import type { MediaBackend, MediaSignal } from "./types";
import type { SfuCommand, SfuMessage, SfuSettings, SfuStats } from "./sfu/protocol";

export interface EmbeddedSettings extends SfuSettings {
  /** ICE servers for one person's join (TURN credentials are minted per user). */
  iceServers?: (userId: string) => Extract<VoiceConnection, { kind: "embedded" }>["iceServers"];
  /** How long a request to the SFU may take. */
  requestTimeoutMs?: number;
}

export type EmbeddedBackend = MediaBackend & {
  /** The SFU process's CPU, memory and per-peer packet counters (bench, tests). */
  stats(): Promise<SfuStats>;
  /** The current child's pid (the fault test kills it). */
  readonly pid: number | undefined;
};

/** A request the SFU refused, with its stable code. */
export class MediaError extends Error {
  constructor(
    readonly code: "BAD_REQUEST" | "NOT_FOUND" | "INTERNAL" | "UNAVAILABLE",
    message: string,
  ) {
    super(message);
  }
}

type Log = Pick<Logger, "info" | "warn" | "error">;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** The TypeScript entry beside this file in dev and tests, the bundle beside dist/server.mjs in production. */
function sfuEntry(): { path: string; execArgv: string[] } {
  const here = dirname(fileURLToPath(import.meta.url));
  const ts = join(here, "sfu", "process.ts");
  if (existsSync(ts)) return { path: ts, execArgv: ["--import", "tsx"] };
  return { path: join(here, "sfu.mjs"), execArgv: [] };
}

export function createEmbeddedBackend(settings: EmbeddedSettings, log: Log): EmbeddedBackend {
  const listeners: Array<(event: MediaSignal) => void> = [];
  const pending = new Map<number, Pending>();
  const timeoutMs = settings.requestTimeoutMs ?? 10_000;
  let nextId = 1;
  let child: ChildProcess | undefined;
  let ready: Promise<void> = Promise.resolve();
  let closing = false;
  let failures = 0;
  let restartTimer: NodeJS.Timeout | undefined;

  const emit = (event: MediaSignal) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        log.error({ err: error }, "media signal listener failed");
      }
    }
  };

  function failPending(message: string): void {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.reject(new MediaError("UNAVAILABLE", message));
      pending.delete(id);
    }
  }

  function start(restart: boolean): void {
    const entry = sfuEntry();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SFU_LISTEN_IP: settings.listenIp,
      SFU_ANNOUNCED_IP: settings.announcedIp ?? "",
      SFU_PORT_MIN: settings.portMin?.toString() ?? "",
      SFU_PORT_MAX: settings.portMax?.toString() ?? "",
    };
    const proc = fork(entry.path, [], { execArgv: entry.execArgv, env, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child = proc;
    let markReady: () => void = () => undefined;
    ready = new Promise((resolve) => (markReady = resolve));
    const startedAt = Date.now();
    proc.on("message", (message: SfuMessage) => {
      if (message.type === "ready") {
        markReady();
        if (restart) emit({ type: "restarted" });
      } else if (message.type === "reply") {
        const p = pending.get(message.id);
        if (!p) return;
        pending.delete(message.id);
        clearTimeout(p.timer);
        if (message.ok) p.resolve(message.result);
        else p.reject(new MediaError(message.code, message.message));
      } else if (message.type === "offer") {
        const { type, roomId, userId, sdp, publishMids, midOwners } = message;
        emit({ type, roomId, userId, sdp, publishMids, midOwners });
      } else if (message.type === "peer-closed") {
        emit({ type: "peer-closed", roomId: message.roomId, userId: message.userId, why: message.why });
      }
    });
    proc.on("error", (error) => log.error({ err: error }, "media server process error"));
    proc.on("exit", (code, signal) => {
      // Requests waiting for this child to be ready go on and fail as unavailable.
      markReady();
      if (child !== proc) return;
      child = undefined;
      failPending("the media server stopped");
      if (closing) return;
      // A child that lived a while was healthy: start again at once; a crash loop backs off.
      failures = Date.now() - startedAt > 30_000 ? 0 : failures + 1;
      const delay = failures <= 1 ? 0 : Math.min(30_000, 250 * 2 ** (failures - 1));
      log.error({ code, signal, restartInMs: delay }, "media server exited; restarting");
      restartTimer = setTimeout(() => {
        restartTimer = undefined;
        if (!closing) start(true);
      }, delay);
    });
  }

  async function request<T>(command: SfuCommand): Promise<T> {
    if (closing) throw new MediaError("UNAVAILABLE", "the media server is closed");
    await ready;
    const proc = child;
    if (!proc?.connected) throw new MediaError("UNAVAILABLE", "the media server is restarting");
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new MediaError("UNAVAILABLE", `the media server did not answer ${command.type}`));
      }, timeoutMs);
      pending.set(id, { resolve: (value) => resolve(value as T), reject, timer });
      proc.send({ ...command, id }, (error) => {
        if (!error) return;
        const p = pending.get(id);
        if (!p) return;
        pending.delete(id);
        clearTimeout(p.timer);
        reject(new MediaError("UNAVAILABLE", "the media server is unreachable"));
      });
    });
  }

  start(false);

  return {
    kind: "embedded",
    get pid() {
      return child?.pid;
    },
    async join(peer, opts) {
      await request({
        type: "join",
        roomId: peer.roomId,
        userId: peer.userId,
        slots: opts.slots,
        forwarding: { audio: opts.canSpeak, video: opts.canVideo, deaf: opts.deaf },
      });
      return { kind: "embedded", iceServers: settings.iceServers?.(peer.userId) ?? [] };
    },
    leave: (peer) => request<void>({ type: "leave", roomId: peer.roomId, userId: peer.userId }),
    answer: (peer, sdp) => request<void>({ type: "answer", roomId: peer.roomId, userId: peer.userId, sdp }),
    candidate: (peer, candidate) => request<void>({ type: "candidate", roomId: peer.roomId, userId: peer.userId, candidate }),
    publish: (peer, slot) => request<void>({ type: "publish", roomId: peer.roomId, userId: peer.userId, slot }),
    unpublish: (peer, slot) => request<void>({ type: "unpublish", roomId: peer.roomId, userId: peer.userId, slot }),
    setForwarding: (peer, forwarding) => request<void>({ type: "forwarding", roomId: peer.roomId, userId: peer.userId, forwarding }),
    participants: (roomId) => request<string[]>({ type: "participants", roomId }),
    stats: () => request<SfuStats>({ type: "stats" }),
    onSignal(listener) {
      listeners.push(listener);
    },
    async close() {
      closing = true;
      if (restartTimer) clearTimeout(restartTimer);
      const proc = child;
      failPending("the media server is closed");
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
      // Closing the IPC channel makes the child close its peers and exit by itself.
      proc.disconnect();
      const killer = setTimeout(() => proc.kill("SIGKILL"), 3_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
