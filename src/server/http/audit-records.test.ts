import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditLogEntry, Channel, Role, Server } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { type TestServer, startTestServer } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";

/** What the log records must be enough for a person to read: names, and the state before a change. */
describe.each(testDatabaseKinds())("audit records on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("an overwrite change names its target and keeps the earlier overwrite; a deletion keeps the channel's type", async () => {
    const owner = t.client();
    await owner.signUp("Owner");
    const server = (await owner.post<Server>("/api/v1/servers", { name: "Guild" })).body;
    const [general] = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
    const helper = (await owner.post<Role>(`/api/v1/servers/${server.id}/roles`, { name: "Helper" })).body;
    const put = (allow: bigint, deny: bigint) =>
      owner.request("PUT", `/api/v1/channels/${general!.id}/permissions/${helper.id}`, { type: "role", allow: allow.toString(), deny: deny.toString() });
    expect((await put(Permission.SendMessages, 0n)).status).toBe(204);
    expect((await put(Permission.SendMessages, Permission.AttachFiles)).status).toBe(204);
    expect((await owner.request("DELETE", `/api/v1/channels/${general!.id}/permissions/${helper.id}`)).status).toBe(204);
    const memberPut = await owner.request("PUT", `/api/v1/channels/${general!.id}/permissions/${owner.user!.id}`, { type: "member", allow: "0", deny: "0" });
    expect(memberPut.status).toBe(204);
    const category = (await owner.post<Channel>(`/api/v1/servers/${server.id}/channels`, { name: "Stuff", type: "category" })).body;
    expect((await owner.request("DELETE", `/api/v1/channels/${category.id}`)).status).toBe(204);

    const log = (await owner.get<AuditLogEntry[]>(`/api/v1/servers/${server.id}/audit-log`)).body;
    const updates = log.filter((e) => e.action === "overwrite.update").reverse();
    expect(updates.map((e) => e.changes)).toEqual([
      [{ key: "role:Helper", before: null, after: { allow: Permission.SendMessages.toString(), deny: "0" } }],
      [
        {
          key: "role:Helper",
          before: { allow: Permission.SendMessages.toString(), deny: "0" },
          after: { allow: Permission.SendMessages.toString(), deny: Permission.AttachFiles.toString() },
        },
      ],
      [{ key: "member:Owner", before: null, after: { allow: "0", deny: "0" } }],
    ]);
    const removed = log.find((e) => e.action === "overwrite.delete")!;
    expect(removed.changes[0]!.key).toBe("role:Helper");
    const deleted = log.find((e) => e.action === "channel.delete")!;
    expect(deleted.changes).toEqual([{ key: "type", before: "category", after: null }]);
  });
});
