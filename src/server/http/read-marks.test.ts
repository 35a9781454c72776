import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Channel, Invite, Message, ReadState, Server } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { type TestClient, type TestServer, collect, startTestServer, waitFor } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";

type ErrorBody = { error: { code: string } };

/** Mark Unread on a message, and Mark As Read for a whole server. */
describe.each(testDatabaseKinds())("read marks on %s", (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function room() {
    const owner = t.client();
    await owner.signUp("Owner");
    const member = t.client();
    await member.signUp("Member");
    const server = (await owner.post<Server>("/api/v1/servers", { name: "Guild" })).body;
    const [general] = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
    const invite = (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, {})).body;
    expect((await member.post(`/api/v1/invites/${invite.code}`)).status).toBe(200);
    const other = (await owner.post<Channel>(`/api/v1/servers/${server.id}/channels`, { name: "other" })).body;
    const hidden = (
      await owner.post<Channel>(`/api/v1/servers/${server.id}/channels`, {
        name: "staff",
        overwrites: [{ id: server.id, type: "role", deny: Permission.ViewChannel.toString() }],
      })
    ).body;
    const send = async (channelId: string, content: string) => (await owner.post<Message>(`/api/v1/channels/${channelId}/messages`, { content })).body;
    const state = async (c: TestClient, channelId: string) =>
      (await c.get<ReadState[]>("/api/v1/users/@me/read-states")).body.find((s) => s.channelId === channelId);
    return { owner, member, server, general: general!, other, hidden, send, state };
  }

  it("Mark Unread moves my cursor back to just before the message and tells my other devices", async () => {
    const { member, general, send, state } = await room();
    const base = `/api/v1/channels/${general.id}/messages`;
    const [, second, third] = [await send(general.id, "one"), await send(general.id, "two"), await send(general.id, "three")];
    expect((await member.post<ReadState>(`${base}/${third!.id}/ack`)).body.unreadCount).toBe(0);
    const phone = t.client();
    phone.cookie = member.cookie;
    const reads = collect(await phone.socket(), "read.updated");
    const marked = await member.post<ReadState>(`${base}/${second!.id}/unread`);
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ channelId: general.id, lastReadId: (BigInt(second!.id) - 1n).toString(), unreadCount: 2 });
    await waitFor(() => reads.length === 1);
    expect(reads[0]).toMatchObject({ channelId: general.id, unreadCount: 2 });
    expect(await state(member, general.id)).toMatchObject({ unreadCount: 2 });
    // Unlike an ack, it moves back and forth; an ack afterwards reads it again.
    expect((await member.post<ReadState>(`${base}/${third!.id}/unread`)).body.unreadCount).toBe(1);
    expect((await member.post<ReadState>(`${base}/${third!.id}/ack`)).body.unreadCount).toBe(0);
  });

  it("refuses Mark Unread to the signed out, non-members, those who cannot see the channel, and for another channel's message", async () => {
    const { member, general, other, hidden, send } = await room();
    const message = await send(general.id, "here");
    const secret = await send(hidden.id, "psst");
    const stranger = t.client();
    await stranger.signUp("Stranger");
    expect((await t.client().post<ErrorBody>(`/api/v1/channels/${general.id}/messages/${message.id}/unread`)).status).toBe(401);
    const outside = await stranger.post<ErrorBody>(`/api/v1/channels/${general.id}/messages/${message.id}/unread`);
    expect(outside.status).toBe(403);
    const unseen = await member.post<ErrorBody>(`/api/v1/channels/${hidden.id}/messages/${secret.id}/unread`);
    expect(unseen.status).toBe(403);
    const elsewhere = await member.post<ErrorBody>(`/api/v1/channels/${other.id}/messages/${message.id}/unread`);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error.code).toBe("NOT_FOUND");
    expect((await member.post<ErrorBody>(`/api/v1/channels/${general.id}/messages/nope/unread`)).status).toBe(400);
  });

  it("Mark As Read on a server reads every channel I can see there, on every device, and nothing I cannot see", async () => {
    const { owner, member, server, general, other, hidden, send, state } = await room();
    await send(general.id, "one");
    await send(other.id, "two");
    await send(hidden.id, "secret");
    const reads = collect(await member.socket(), "read.updated");
    const answer = await member.post<ReadState[]>(`/api/v1/servers/${server.id}/ack`);
    expect(answer.status).toBe(200);
    expect(answer.body.map((s) => s.channelId).sort()).toEqual([general.id, other.id].sort());
    await waitFor(() => reads.length === 2);
    expect(await state(member, general.id)).toMatchObject({ unreadCount: 0 });
    expect(await state(member, other.id)).toMatchObject({ unreadCount: 0 });
    // The member cannot see the hidden channel: no cursor was written there.
    expect(await state(member, hidden.id)).toBeUndefined();
    // A second time there is nothing to move.
    expect((await member.post<ReadState[]>(`/api/v1/servers/${server.id}/ack`)).body).toEqual([]);
    expect((await owner.post(`/api/v1/servers/${server.id}/ack`)).status).toBe(200);
  });

  it("refuses Mark As Read on a server to the signed out and to non-members", async () => {
    const { server } = await room();
    const stranger = t.client();
    await stranger.signUp("Stranger");
    expect((await t.client().post(`/api/v1/servers/${server.id}/ack`)).status).toBe(401);
    expect((await stranger.post(`/api/v1/servers/${server.id}/ack`)).status).toBe(403);
    expect((await stranger.post(`/api/v1/servers/0/ack`)).status).toBe(404);
  });
});
