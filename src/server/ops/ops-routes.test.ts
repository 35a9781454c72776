/**
 * The operator's routes on a running server: liveness, readiness (and draining), the
 * metrics behind their token, and the request id on every answer, error body and log line.
 */
import { Writable } from "node:stream";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message } from "@/shared/api";
import { type TestServer, serverWithPeople, startTestServer, waitFor } from "../testing/harness";

const TOKEN = "metrics-token-for-tests-0123456789";

type ErrorBody = { error: { code: string; message: string; requestId?: string } };

let plain: TestServer;
let watched: TestServer;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  plain = await startTestServer("pglite");
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n")) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  watched = await startTestServer("pglite", { env: { METRICS_TOKEN: TOKEN }, log: pino({ level: "debug" }, sink) });
});

afterAll(async () => {
  await plain?.close();
  await watched?.close();
});

describe("health and readiness", () => {
  it("/api/health says the process is alive, without a session and without asking anything else", async () => {
    const res = await fetch(`${plain.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", leader: true }); // alone, it leads the background work
  });

  it("/api/ready checks the database and the file store (Redis only when configured)", async () => {
    const res = await fetch(`${plain.url}/api/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready", checks: { database: "ok", files: "ok" } });
  });

  it("/api/ready answers 503 naming the dependency that is down, and 200 once it is back", async () => {
    const { probes } = plain.server.services.readiness;
    const files = probes.files;
    probes.files = () => Promise.reject(new Error("disk gone"));
    try {
      const res = await fetch(`${plain.url}/api/ready`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "unavailable", checks: { database: "ok", files: "down" } });
      // A probe that never answers counts as down after the timeout, not as a hung request.
      probes.files = () => new Promise(() => undefined);
      const slow = await fetch(`${plain.url}/api/ready`);
      expect(slow.status).toBe(503);
      expect(await slow.json()).toMatchObject({ checks: { files: "down" } });
    } finally {
      probes.files = files;
    }
    expect((await fetch(`${plain.url}/api/ready`)).status).toBe(200);
  });

  it("/api/ready answers 503 draining at once while the process shuts down; /api/health stays 200", async () => {
    const { readiness } = plain.server.services;
    readiness.draining = true;
    try {
      const res = await fetch(`${plain.url}/api/ready`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "draining", checks: {} });
      expect((await fetch(`${plain.url}/api/health`)).status).toBe(200);
    } finally {
      readiness.draining = false;
    }
  });
});

describe("/metrics", () => {
  it("is not there without METRICS_TOKEN", async () => {
    const res = await fetch(`${plain.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
    expect(((await res.json()) as ErrorBody).error.code).toBe("NOT_FOUND");
  });

  it("refuses a scrape without the token, with another token, or with the token not as a bearer", async () => {
    for (const authorization of [undefined, "Bearer wrong-token-wrong-token-00", `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, "Bearer "]) {
      const res = await fetch(`${watched.url}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(res.status, String(authorization)).toBe(401);
      expect(((await res.json()) as ErrorBody).error.code).toBe("UNAUTHORIZED");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
  });

  it("with the token: sockets, socket events, send latency, responses by route pattern, the pool, the push queue and process metrics", async () => {
    const { people, general } = await serverWithPeople(watched, ["Ada", "Brendan"], "Metered");
    const [ada] = people;
    const socket = await ada!.socket();
    await socket.emitWithAck("typing.start", { channelId: general.id });
    const sent = await ada!.post<Message>(`/api/v1/channels/${general.id}/messages`, { content: "counted" });
    expect(sent.status).toBe(201);
    await ada!.get(`/api/v1/channels/${general.id}/messages`);

    const res = await fetch(`${watched.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^giga_sockets_connected [1-9]/m);
    expect(text).toMatch(/^giga_socket_events_received_total\{event="typing\.start"\} [1-9]/m);
    expect(text).toMatch(/^giga_message_send_duration_seconds_count [1-9]/m);
    expect(text).toContain('giga_http_responses_total{method="POST",route="/api/v1/channels/:channelId/messages",status="2xx"} 1');
    expect(text).toMatch(/^giga_http_responses_total\{method="GET",route="\/api\/v1\/channels\/:channelId\/messages",status="2xx"\} [1-9]/m);
    expect(text).toMatch(/^giga_db_pool_connections \d+/m);
    expect(text).toMatch(/^giga_push_queue_depth \d+/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    // No label carries an id: the channel's id appears nowhere.
    expect(text).not.toContain(general.id);
    socket.disconnect();
  });

  it("counts an event no feature knows as other, so a client cannot grow the label set", async () => {
    const c = watched.client();
    await c.signUp("Mallory");
    const socket = await c.socket();
    (socket as unknown as { emit(e: string): void }).emit("made.up.event.123");
    (socket as unknown as { emit(e: string): void }).emit("made.up.event.456");
    // Events without an ack: the counter is read until both have arrived.
    let text = "";
    for (let i = 0; i < 50 && !/event="other"\} 2/.test(text); i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      text = await (await fetch(`${watched.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
    }
    expect(text).toMatch(/^giga_socket_events_received_total\{event="other"\} 2/m);
    expect(text).not.toContain("made.up.event");
    socket.disconnect();
  });
});

describe("request ids", () => {
  it("keeps a safe x-request-id, echoes it, and puts it in the error body", async () => {
    const res = await fetch(`${plain.url}/api/v1/users/@me`, { headers: { "x-request-id": "proxy-id.0123_abc" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("x-request-id")).toBe("proxy-id.0123_abc");
    expect(await res.json()).toEqual({ error: { code: "UNAUTHORIZED", message: "Sign in first.", requestId: "proxy-id.0123_abc" } });
  });

  it("replaces an unsafe or missing one with its own, the same in the header and the body", async () => {
    for (const given of [undefined, "short", "has spaces in it!", "x".repeat(65), "evil\u00e9-header-value"]) {
      const res = await fetch(`${plain.url}/api/v1/nothing-here`, { headers: given === undefined ? {} : { "x-request-id": encodeURI(given) } });
      expect(res.status).toBe(404);
      const id = res.headers.get("x-request-id");
      expect(id).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
      expect(id).not.toBe(given);
      expect(((await res.json()) as ErrorBody).error.requestId).toBe(id);
    }
  });

  it("two requests get two ids; pages and successes get one too", async () => {
    const [a, b] = await Promise.all([fetch(`${plain.url}/api/health`), fetch(`${plain.url}/api/health`)]);
    expect(a.headers.get("x-request-id")).toBeTruthy();
    expect(a.headers.get("x-request-id")).not.toBe(b.headers.get("x-request-id"));
    expect((await fetch(`${plain.url}/some/page`)).headers.get("x-request-id")).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
  });

  it("writes the id on the log lines of the request", async () => {
    const res = await fetch(`${watched.url}/api/v1/servers/123/channels`, { headers: { "x-request-id": "find-me-in-the-log" } });
    expect(res.status).toBe(401);
    await waitFor(() => lines.some((l) => l.requestId === "find-me-in-the-log"));
    const line = lines.find((l) => l.requestId === "find-me-in-the-log")!;
    expect(line).toMatchObject({ msg: "request", status: 401, route: "/api/v1/servers/:serverId/channels" });
  });
});
