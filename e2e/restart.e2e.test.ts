/**
 * The production build keeps everything across a restart, refuses a second process on
 * the same data directory, and shuts down cleanly on SIGTERM.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Channel, Message, Server } from "@/shared/api";
import { TestClient } from "@/server/testing/harness";
import { runToExit, startServer } from "./server";

describe("restart and the data-directory lock", () => {
  let dataDir = "";
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("keeps accounts, servers and messages; a second process on the same directory is refused", async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "giga-chat-restart-"));
    const first = await startServer({ dataDir, generatedSecret: true });
    const person = new TestClient(first.baseUrl, { origin: first.baseUrl });
    const me = await person.signUp("Keeper");
    const server = (await person.post<Server>("/api/v1/servers", { name: "Durable" })).body;
    const [channel] = (await person.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
    for (const content of ["one", "two", "three"]) {
      expect((await person.post(`/api/v1/channels/${channel!.id}/messages`, { content })).status).toBe(201);
    }

    const second = await runToExit(dataDir);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain("Another Giga Chat process is using the data directory");

    expect(await first.stop()).toBe(0);

    const again = await startServer({ dataDir, generatedSecret: true });
    try {
      // The old session still works: sessions and the generated secret were kept.
      const returning = new TestClient(again.baseUrl, { origin: again.baseUrl });
      returning.cookie = person.cookie;
      expect((await returning.get<{ id: string }>("/api/v1/users/@me")).body.id).toBe(me.id);
      // And signing in afresh works too.
      const fresh = new TestClient(again.baseUrl, { origin: again.baseUrl });
      const signIn = await fresh.post("/api/auth/sign-in/email", { email: me.email, password: "correct horse battery" });
      expect(signIn.status).toBe(200);
      expect((await fresh.get<Server[]>("/api/v1/servers")).body.map((s) => s.name)).toEqual(["Durable"]);
      const history = (await fresh.get<Message[]>(`/api/v1/channels/${channel!.id}/messages`)).body;
      expect(history.map((m) => m.content)).toEqual(["three", "two", "one"]);
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });
});
