import { afterAll, describe, expect, it, vi } from "vitest";
import pino from "pino";
import { createEmbeddedBackend, MediaError, type EmbeddedBackend } from "./embedded";
import type { MediaSignal } from "./types";

let backend: EmbeddedBackend;
const signals: MediaSignal[] = [];

afterAll(async () => {
  await backend.close();
});

describe("embedded media backend supervision", () => {
  it("fails the requests waiting on a child that died, then restarts it and answers again", async () => {
    backend = createEmbeddedBackend({ listenIp: "127.0.0.1" }, pino({ level: "silent" }));
    backend.onSignal((signal) => signals.push(signal));
    const pid = backend.pid;
    expect(pid).toBeDefined();
    // In the tick that forked it: the child cannot be ready, so the request is waiting.
    const waiting = backend.stats();
    process.kill(pid as number, "SIGKILL");
    const error: unknown = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect(error).toMatchObject({ code: "UNAVAILABLE" });
    await vi.waitFor(() => expect(signals).toContainEqual({ type: "restarted" }), { timeout: 20_000, interval: 50 });
    expect(backend.pid).not.toBe(pid);
    expect((await backend.stats()).peers).toEqual([]);
  });

  it("refuses requests once closed, and stops the child", async () => {
    const pid = backend.pid as number;
    await backend.close();
    expect(() => process.kill(pid, 0)).toThrow();
    await expect(backend.participants("r")).rejects.toMatchObject({ code: "UNAVAILABLE" });
  });
});
