import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Message } from "@/shared/api";
import { rooms } from "@/shared/events";
import { errors } from "../errors";
import { testDatabaseKinds } from "../testing/databases";
import { type TestServer, collect, serverWithPeople, startTestServer, waitFor } from "../testing/harness";
import { socketFeatures } from "./features";
import { connectionFeature } from "./features/connection";
import { presenceFeature } from "./features/presence";
import { defineFeature } from "./socket-feature";

describe.each(testDatabaseKinds())("socket features on %s", (kind) => {
  const heard: string[] = [];
  // Stands in for typing: answers by the channel id it is given, to show each failure's ack.
  const probe = defineFeature({
    name: "probe",
    init: () => ({ calls: 0 }),
    // Runs after the connection feature: the socket is in its own rooms already.
    connected: ({ socket }) => void heard.push(`connected:${socket.data.userName}:${socket.rooms.has(rooms.user(socket.data.userId))}`),
    handlers: {
      "typing.start": {
        input: z.object({ channelId: z.enum(["1", "2", "3"]) }),
        handle({ channelId }, _ctx, state) {
          state.calls++;
          if (channelId === "1") throw errors.forbidden("Not here.");
          if (channelId === "2") throw new Error("a bug");
          heard.push(`calls:${state.calls}`);
        },
      },
    },
    disconnected: ({ socket }, _state, reason) => void heard.push(`disconnected:${socket.data.userName}:${reason}`),
  });
  const broken = defineFeature({
    name: "broken",
    connected: ({ socket }) => {
      if (socket.data.userName === "Unlucky") throw new Error("setup failed");
    },
  });
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind, { socketFeatures: [connectionFeature, probe, broken, presenceFeature] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("validates each event with its own schema and answers every failure with a stable code", async () => {
    const ann = t.client();
    await ann.signUp("Ann");
    const socket = await ann.socket();
    expect(await socket.emitWithAck("typing.start", { channelId: "3" })).toEqual({ ok: true });
    expect(await socket.emitWithAck("typing.start", { channelId: "9" })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(await socket.emitWithAck("typing.start", null as never)).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(await socket.emitWithAck("typing.start", { channelId: "1" })).toEqual({ ok: false, error: { code: "FORBIDDEN", message: "Not here." } });
    // An unexpected failure carries the id its log line was written with.
    expect(await socket.emitWithAck("typing.start", { channelId: "2" })).toMatchObject({
      ok: false,
      error: { code: "INTERNAL", requestId: expect.stringMatching(/^[A-Za-z0-9._-]{8,64}$/) },
    });
    // One state per socket, kept across its events; refused payloads never reach the handler.
    expect(await socket.emitWithAck("typing.start", { channelId: "3" })).toEqual({ ok: true });
    expect(heard).toContain("calls:4");
    // The other features' handlers are attached beside it.
    expect(await socket.timeout(2000).emitWithAck("ping")).toMatchObject({ now: expect.any(Number) });
  });

  it("runs the connect hooks in order and every feature hears the one disconnect", async () => {
    const bob = t.client();
    await bob.signUp("Bob");
    const socket = await bob.socket();
    expect(heard).toContain("connected:Bob:true");
    socket.disconnect();
    await waitFor(() => heard.includes("disconnected:Bob:client namespace disconnect"));
  });

  it("a feature whose connect hook fails closes the socket, and the features already connected hear it", async () => {
    const unlucky = t.client();
    await unlucky.signUp("Unlucky");
    // `ready` came from the connection feature before the broken one ran: wait for the drop.
    const socket = await unlucky.socket();
    await waitFor(() => socket.disconnected);
    await waitFor(() => heard.includes("disconnected:Unlucky:setup failed"));
  });
});

describe.each(testDatabaseKinds())("event subscribers on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind, { socketFeatures });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a subscriber that throws, and one that never settles, hold up neither the command nor the sockets", async () => {
    const failing = t.server.services.events.subscribe({
      name: "failing",
      handle: () => {
        throw new Error("push service down");
      },
    });
    const hanging = t.server.services.events.subscribe({ name: "hanging", handle: () => new Promise<void>(() => {}) });
    try {
      const { people, general } = await serverWithPeople(t, ["Owner", "Reader"]);
      const received = collect(await people[1]!.socket(), "message.created");
      for (const content of ["one", "two"]) {
        const sent = await people[0]!.post<Message>(`/api/v1/channels/${general.id}/messages`, { content });
        expect(sent.status).toBe(201);
      }
      await waitFor(() => received.length === 2);
      expect(received.map((r) => r.message.content)).toEqual(["one", "two"]);
    } finally {
      failing();
      hanging();
    }
  });
});
