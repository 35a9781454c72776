import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { Channel, Invite, Server } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { type TestClient, type TestServer, startTestServer } from "../../testing/harness";
import { testDatabaseKinds } from "../../testing/databases";
import { execute } from "../context";
import { TOTAL_CAP, searchMessages } from "./searchMessages";

const MESSAGES = 100_000;

/** At scale: 100,000 generated messages, half of them in a channel the member cannot see. */
describe.each(testDatabaseKinds())("search over 100,000 messages on %s", (kind) => {
  let t: TestServer;
  let owner: TestClient;
  let member: TestClient;
  let server: Server;
  let general: Channel;

  beforeAll(async () => {
    t = await startTestServer(kind);
    owner = t.client();
    await owner.signUp("Owner");
    server = (await owner.post<Server>("/api/v1/servers", { name: "Big" })).body;
    general = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body[0]!;
    const hidden = { id: server.id, type: "role", deny: Permission.ViewChannel.toString() };
    const secret = (await owner.post<Channel>(`/api/v1/servers/${server.id}/channels`, { name: "secret", type: "text", overwrites: [hidden] })).body;
    const invite = (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, {})).body;
    member = t.client();
    await member.signUp("Member");
    await member.post(`/api/v1/invites/${invite.code}`);

    // Even rows in #general, odd rows in #secret; every 400th row holds a rare word,
    // every 300th a link; authors alternate in pairs.
    await t.database.db.execute(sql`
      insert into messages (id, channel_id, author_id, content)
      select 1000000000000 + i,
        case when i % 2 = 0 then ${general.id}::bigint else ${secret.id}::bigint end,
        case when i % 4 < 2 then ${owner.user!.id} else ${member.user!.id} end,
        'status report ' || i || case when i % 400 < 2 then ' kaleidoscope' else '' end
          || case when i % 300 < 2 then ' see https://example.com/' || i else '' end
      from generate_series(1, ${MESSAGES}) i`);
    await t.database.db.execute(sql`analyze messages`);
  });
  afterAll(async () => {
    await t?.close();
  });

  const run = (who: TestClient, q: string, limit = 25) =>
    execute(t.server.services, who.user!, searchMessages, { scope: { serverId: BigInt(server.id) }, q, limit, offset: 0 });

  it("finds a partial word only in channels the member may read", async () => {
    const mine = await run(member, "aleidosc", 50);
    expect(mine.total).toBe(MESSAGES / 400);
    expect(new Set(mine.messages.map((m) => m.channelId))).toEqual(new Set([general.id]));
    expect(mine.messages[0]!.highlights).toEqual(["aleidosc"]);
    expect((await run(owner, "aleidosc")).total).toBe(MESSAGES / 200);
  });

  it("combines filters with text", async () => {
    // In #general the word is on rows i % 400 = 0, all written by the owner (i % 4 < 2).
    expect((await run(member, `kaleidoscope from:${owner.user!.id}`)).total).toBe(MESSAGES / 400);
    expect((await run(member, "kaleidoscope from:Member")).total).toBe(0);
    const links = await run(member, "report has:link in:general", 50);
    expect(links.total).toBe(Math.floor(MESSAGES / 300));
    expect(links.messages.every((m) => m.content.includes("https://"))).toBe(true);
  });

  it("caps the total and still pages newest first among equal ranks", async () => {
    const common = await run(member, "status", 3);
    expect(common.total).toBe(TOTAL_CAP);
    expect(common.messages.map((m) => m.id)).toEqual(["1000000100000", "1000000099998", "1000000099996"]);
  });
});
