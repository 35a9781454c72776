/**
 * Presence follows membership across two nodes (Redis adapter): the join and the kick
 * happen on node A, the person's socket lives on node B. Runs when TEST_REDIS_URL is set.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestServer, collect, serverWithPeople, startTestServer, waitFor } from "../testing/harness";

const redisUrl = process.env.TEST_REDIS_URL;

describe.runIf(redisUrl)("presence across two nodes with the Redis adapter", () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: `giga-test-${randomBytes(6).toString("hex")}` };
    a = await startTestServer("pglite", { env });
    b = await startTestServer("pglite", { env, database: a.database });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it("a person on node B who joins on node A is announced; once kicked on A, their changes stop reaching the server", async () => {
    const { owner, people, invite, server } = await serverWithPeople(a, ["Owner", "Witness"]);
    const watching = await people[1]!.socket(); // on A
    const heard = collect(watching, "presence.updated");
    const onA = a.client();
    await onA.signUp("Traveller");
    const onB = b.client();
    onB.cookie = onA.cookie; // the same person, connected to the other node
    const device = await onB.socket();
    await device.emitWithAck("presence.set", { status: "dnd" });
    const about = (p: { userId: string }) => p.userId === onA.user!.id;

    expect((await onA.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
    await waitFor(() => heard.some((p) => about(p) && p.status === "dnd"));
    await device.emitWithAck("presence.set", { status: "online" });
    await waitFor(() => heard.some((p) => about(p) && p.status === "online"));

    const removed = collect(device, "server.removed");
    expect((await owner.request("DELETE", `/api/v1/servers/${server.id}/members/${onA.user!.id}`)).status).toBe(204);
    await waitFor(() => removed.length === 1);
    const from = heard.length;
    await device.emitWithAck("presence.set", { status: "dnd" });
    // A change on node B after those has reached A's witness: theirs would have too.
    const other = b.client();
    other.cookie = owner.cookie;
    const ownerOnB = await other.socket();
    await ownerOnB.emitWithAck("presence.set", { status: "idle" });
    await waitFor(() => heard.some((p) => p.userId === owner.user!.id && p.status === "idle"));
    expect(heard.slice(from).filter(about)).toEqual([]);
  });
});
