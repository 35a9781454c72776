/**
 * The home screen's people list (GET /users/@me/contacts): everyone I share a server or
 * a conversation with, not those I blocked, never a stranger; signed out is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DmChannel, PublicUser } from "@/shared/api";
import { type TestClient, type TestServer, serverWithPeople, startTestServer } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";

describe.each(testDatabaseKinds())("people list on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  const contacts = async (c: TestClient) => {
    const r = await c.get<PublicUser[]>("/api/v1/users/@me/contacts");
    expect(r.status).toBe(200);
    return r.body.map((u) => u.name);
  };

  it("lists people sharing a server or a conversation, alphabetically, without blocked people or strangers", async () => {
    const { people, server } = await serverWithPeople(t, ["Ann", "Ben", "Eve", "Cy"]);
    const [ann, ben, eve, cy] = people as [TestClient, TestClient, TestClient, TestClient];
    const stranger = t.client();
    await stranger.signUp("Dee");
    // Cy talks with Ann, then is kicked: the conversation keeps Cy on Ann's list.
    const dm = await ann.post<DmChannel>("/api/v1/users/@me/channels", { recipientId: cy.user!.id });
    expect(dm.status).toBe(200);
    expect((await ann.post(`/api/v1/channels/${dm.body.id}/messages`, { content: "hi" })).status).toBe(201);
    expect((await ann.request("DELETE", `/api/v1/servers/${server.id}/members/${cy.user!.id}`)).status).toBe(204);
    expect((await ann.request("PUT", `/api/v1/users/@me/blocks/${eve.user!.id}`)).status).toBe(204);

    expect(await contacts(ann)).toEqual(["Ben", "Cy"]);
    // Ben shares no conversation with Cy any more, nor a server: Cy is gone from his list.
    expect(await contacts(ben)).toEqual(["Ann", "Eve"]);
    expect(await contacts(cy)).toEqual(["Ann"]);
    expect(await contacts(stranger)).toEqual([]);
    // Unblocking brings Eve back.
    await ann.request("DELETE", `/api/v1/users/@me/blocks/${eve.user!.id}`);
    expect(await contacts(ann)).toEqual(["Ben", "Cy", "Eve"]);
  });

  it("refuses the signed out", async () => {
    const r = await t.client().get<{ error: { code: string } }>("/api/v1/users/@me/contacts");
    expect([r.status, r.body.error.code]).toEqual([401, "UNAUTHORIZED"]);
  });
});
