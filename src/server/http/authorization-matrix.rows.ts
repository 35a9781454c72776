/**
 * The rows of the authorization matrix (see authorization-matrix.test.ts): each route or
 * socket event, how to attempt it as a persona, and the exact status each must get.
 * Expectations are written from Discord's rules (DESIGN section 7), not read from the
 * server's code. Socket events are in authorization-matrix.socket-rows.ts.
 */
import { PERSONA_NAMES, expectStatus, freshChannel, freshInvite, freshMember, freshRole, signUpPerson, timeoutUntil } from "../testing/personas";
import {
  type Expectation,
  type HttpCell,
  type Row,
  P,
  byPermission,
  call,
  forbidden,
  freshGroup,
  hierarchy,
  http,
  idOf,
  inCall,
  inConversation,
  inVoice,
  ownerOnly,
  privateOverwrites,
  privateViewers,
  smallServer,
  srv,
} from "./authorization-matrix.kit";
import { socketRows } from "./authorization-matrix.socket-rows";

const SIGNED_IN = PERSONA_NAMES.filter((p) => p !== "anonymous");
let endpoints = 0;

export const rows: Row[] = [
  // servers
  http("GET", "/servers/:serverId", "read the server", byPermission(200, null), (c, as) => call(c, as, "GET", srv(c))),
  http("PATCH", "/servers/:serverId", "rename it", byPermission(200, P.ManageServer), (c, as) =>
    call(c, as, "PATCH", srv(c), { name: c.w.server.name }),
  ),
  http("PATCH", "/servers/:serverId", "choose #general as the system channel", byPermission(200, P.ManageServer), (c, as) =>
    call(c, as, "PATCH", srv(c), { systemChannelId: c.w.general.id }),
  ),
  http(
    "PATCH",
    "/servers/:serverId",
    "transfer ownership to the member (own server per attempt)",
    byPermission(200, null, { admin: ownerOnly, moderator: ownerOnly, member: ownerOnly, timedOut: ownerOnly }),
    async (c, as) => {
      const small = await smallServer(c, as, ["member"]);
      return call(c, as, "PATCH", `/servers/${small.server.id}`, { ownerId: idOf(c, "member") });
    },
  ),
  http(
    "DELETE",
    "/servers/:serverId",
    "delete it, name typed (own server per attempt)",
    byPermission(204, null, { admin: ownerOnly, moderator: ownerOnly, member: ownerOnly, timedOut: ownerOnly }),
    async (c, as) => {
      const small = await smallServer(c, as);
      return call(c, as, "DELETE", `/servers/${small.server.id}`, { confirmName: small.server.name });
    },
  ),
  http(
    "DELETE",
    "/users/@me/servers/:serverId",
    "leave (own server per attempt)",
    // The owner must transfer ownership or delete the server instead.
    byPermission(204, null, { owner: { status: 400 } }),
    async (c, as) => call(c, as, "DELETE", `/users/@me/servers/${(await smallServer(c, as)).server.id}`),
  ),

  // people
  http(
    "GET",
    "/users/:userId/profile",
    "a member's profile card",
    // Only people sharing a server see a profile; to others it does not exist.
    byPermission(200, null, { nonMember: { status: 404 }, banned: { status: 404 } }),
    (c, as) => call(c, as, "GET", `/users/${c.bystanderId}/profile`),
  ),
  http(
    "GET",
    "/users/@me/contacts",
    "find a member in my people list (404: not listed)",
    // Only people sharing a server or a conversation are listed; a stranger never is.
    byPermission(200, null, { nonMember: { status: 404 }, banned: { status: 404 } }),
    async (c, as) => {
      const res = await call(c, as, "GET", "/users/@me/contacts");
      if (res.status !== 200) return res;
      const listed = (res.body as { id: string }[]).some((u) => u.id === c.bystanderId);
      return { ...res, status: listed ? 200 : 404 };
    },
  ),

  // channels
  http("GET", "/servers/:serverId/channels", "list channels", byPermission(200, null), (c, as) => call(c, as, "GET", `${srv(c)}/channels`)),
  http("POST", "/servers/:serverId/channels", "create a text channel", byPermission(201, P.ManageChannels), (c, as) =>
    call(c, as, "POST", `${srv(c)}/channels`, { name: `by-${as}`, type: "text" }),
  ),
  http(
    "POST",
    "/servers/:serverId/channels",
    "create a private channel (with overwrites)",
    byPermission(201, P.ManageChannels | P.ManageRoles),
    (c, as) => call(c, as, "POST", `${srv(c)}/channels`, { name: `private-by-${as}`, overwrites: privateOverwrites(c.w) }),
  ),
  http("PATCH", "/servers/:serverId/channels", "reorder channels", byPermission(204, P.ManageChannels), async (c, as) => {
    const channel = await freshChannel(c.w);
    return call(c, as, "PATCH", `${srv(c)}/channels`, [{ id: channel.id, position: 100 }]);
  }),
  http("PATCH", "/channels/:channelId", "edit a channel's topic", byPermission(200, P.ManageChannels), async (c, as) =>
    call(c, as, "PATCH", `/channels/${(await freshChannel(c.w)).id}`, { topic: `set by ${as}` }),
  ),
  http("DELETE", "/channels/:channelId", "delete a fresh channel", byPermission(204, P.ManageChannels), async (c, as) =>
    call(c, as, "DELETE", `/channels/${(await freshChannel(c.w)).id}`),
  ),
  http(
    "PUT",
    "/channels/:channelId/permissions/:targetId",
    "deny everyone Add Reactions on a fresh channel",
    byPermission(204, P.ManageRoles),
    async (c, as) => {
      const channel = await freshChannel(c.w);
      const body = { type: "role", allow: "0", deny: P.AddReactions.toString() };
      return call(c, as, "PUT", `/channels/${channel.id}/permissions/${c.w.roles.everyone}`, body);
    },
  ),
  http(
    "DELETE",
    "/channels/:channelId/permissions/:targetId",
    "remove everyone's overwrite on a fresh channel",
    byPermission(204, P.ManageRoles),
    async (c, as) => {
      const overwrites = [{ id: c.w.roles.everyone, type: "role", deny: P.AddReactions.toString() }];
      const channel = await freshChannel(c.w, { overwrites });
      return call(c, as, "DELETE", `/channels/${channel.id}/permissions/${c.w.roles.everyone}`);
    },
  ),

  // messages
  http("GET", "/channels/:channelId/messages", "read #general", byPermission(200, P.ReadMessageHistory), (c, as) =>
    call(c, as, "GET", `/channels/${c.w.general.id}/messages`),
  ),
  http("POST", "/channels/:channelId/messages", "send in #general", byPermission(201, P.SendMessages), (c, as) =>
    call(c, as, "POST", `/channels/${c.w.general.id}/messages`, { content: `hello from ${as}` }),
  ),
  http(
    "GET",
    "/channels/:channelId/messages",
    "read the private channel",
    byPermission(200, P.ReadMessageHistory, { member: forbidden, timedOut: forbidden }),
    (c, as) => call(c, as, "GET", `/channels/${c.privateChannel.id}/messages`),
  ),
  http(
    "POST",
    "/channels/:channelId/messages",
    "send in the private channel",
    byPermission(201, P.SendMessages, { member: forbidden }),
    (c, as) => call(c, as, "POST", `/channels/${c.privateChannel.id}/messages`, { content: `psst from ${as}` }),
  ),
  http(
    "POST",
    "/channels/:channelId/messages/:messageId/unread",
    "mark #general unread from a message",
    byPermission(200, P.ReadMessageHistory),
    async (c, as) => {
      const message = await call(c, "owner", "POST", `/channels/${c.w.general.id}/messages`, { content: "mark me" });
      return call(c, as, "POST", `/channels/${c.w.general.id}/messages/${(message.body as { id: string }).id}/unread`);
    },
  ),
  http(
    "POST",
    "/channels/:channelId/messages/:messageId/unread",
    "mark the private channel unread from a message",
    byPermission(200, P.ReadMessageHistory, { member: forbidden, timedOut: forbidden }),
    async (c, as) => {
      const message = await call(c, "owner", "POST", `/channels/${c.privateChannel.id}/messages`, { content: "mark me" });
      return call(c, as, "POST", `/channels/${c.privateChannel.id}/messages/${(message.body as { id: string }).id}/unread`);
    },
  ),
  http("POST", "/servers/:serverId/ack", "mark the server read", byPermission(200, null), (c, as) => call(c, as, "POST", `${srv(c)}/ack`)),

  // roles
  http("GET", "/servers/:serverId/roles", "list roles", byPermission(200, null), (c, as) => call(c, as, "GET", `${srv(c)}/roles`)),
  http("POST", "/servers/:serverId/roles", "create a role", byPermission(201, P.ManageRoles), (c, as) =>
    call(c, as, "POST", `${srv(c)}/roles`, { name: `by ${as}` }),
  ),
  http("PATCH", "/servers/:serverId/roles", "reorder two fresh roles", byPermission(200, P.ManageRoles), async (c, as) => {
    const older = await freshRole(c.w, "older");
    await freshRole(c.w, "newer"); // lands at position 1 and lifts the older one to 2
    return call(c, as, "PATCH", `${srv(c)}/roles`, [{ id: older, position: 1 }]);
  }),
  http(
    "PATCH",
    "/servers/:serverId/roles",
    "move a fresh role to the top",
    byPermission(200, P.ManageRoles, { admin: hierarchy }),
    async (c, as) => call(c, as, "PATCH", `${srv(c)}/roles`, [{ id: await freshRole(c.w), position: 1000 }]),
  ),
  http("PATCH", "/servers/:serverId/roles/:roleId", "rename a fresh role", byPermission(200, P.ManageRoles), async (c, as) =>
    call(c, as, "PATCH", `${srv(c)}/roles/${await freshRole(c.w)}`, { name: `renamed by ${as}` }),
  ),
  http(
    "PATCH",
    "/servers/:serverId/roles/:roleId",
    "make a fresh role hoisted and mentionable",
    byPermission(200, P.ManageRoles),
    async (c, as) => call(c, as, "PATCH", `${srv(c)}/roles/${await freshRole(c.w)}`, { hoist: true, mentionable: true }),
  ),
  http(
    "PATCH",
    "/servers/:serverId/roles/:roleId",
    "recolor the Admin role",
    byPermission(200, P.ManageRoles, { admin: hierarchy }),
    (c, as) => call(c, as, "PATCH", `${srv(c)}/roles/${c.w.roles.admin}`, { color: 0xe74c3c }),
  ),
  http("DELETE", "/servers/:serverId/roles/:roleId", "delete a fresh role", byPermission(204, P.ManageRoles), async (c, as) =>
    call(c, as, "DELETE", `${srv(c)}/roles/${await freshRole(c.w)}`),
  ),

  // members
  http("GET", "/servers/:serverId/members", "list members", byPermission(200, null), (c, as) => call(c, as, "GET", `${srv(c)}/members`)),
  http(
    "PATCH",
    "/servers/:serverId/members/:userId",
    "give a fresh member a fresh role",
    byPermission(200, P.ManageRoles),
    async (c, as) => {
      const [role, target] = [await freshRole(c.w), await freshMember(c.t, c.w)];
      return call(c, as, "PATCH", `${srv(c)}/members/${target}`, { roles: [role] });
    },
  ),
  http(
    "PATCH",
    "/servers/:serverId/members/:userId",
    "give a fresh member the Moderator role",
    byPermission(200, P.ManageRoles),
    async (c, as) => call(c, as, "PATCH", `${srv(c)}/members/${await freshMember(c.t, c.w)}`, { roles: [c.w.roles.moderator] }),
  ),
  http(
    "PATCH",
    "/servers/:serverId/members/:userId",
    "give a fresh member the Admin role",
    byPermission(200, P.ManageRoles, { admin: hierarchy }),
    async (c, as) => call(c, as, "PATCH", `${srv(c)}/members/${await freshMember(c.t, c.w)}`, { roles: [c.w.roles.admin] }),
  ),
  http(
    "PATCH",
    "/servers/:serverId/members/:userId",
    "time out a plain member",
    byPermission(200, P.ModerateMembers),
    (c, as) => call(c, as, "PATCH", `${srv(c)}/members/${c.bystanderId}`, { timeoutUntil: timeoutUntil() }),
  ),
  http(
    "PATCH",
    "/servers/:serverId/members/:userId",
    "time out a fresh member holding Moderator",
    byPermission(200, P.ModerateMembers, { moderator: hierarchy }),
    async (c, as) =>
      call(c, as, "PATCH", `${srv(c)}/members/${await freshMember(c.t, c.w, c.w.roles.moderator)}`, { timeoutUntil: timeoutUntil() }),
  ),
  http(
    "PATCH",
    "/servers/:serverId/members/:userId",
    "set a plain member's nickname",
    byPermission(200, P.ManageNicknames),
    (c, as) => call(c, as, "PATCH", `${srv(c)}/members/${c.bystanderId}`, { nickname: `named by ${as}` }),
  ),
  http(
    "PATCH",
    "/servers/:serverId/members/:userId",
    "set one's own nickname",
    byPermission(200, P.ChangeNickname),
    // The anonymous person has no id of their own; any id does, they are refused first.
    (c, as) => call(c, as, "PATCH", `${srv(c)}/members/${idOf(c, as === "anonymous" ? "member" : as)}`, { nickname: `I am ${as}` }),
  ),
  http("DELETE", "/servers/:serverId/members/:userId", "kick a fresh plain member", byPermission(204, P.KickMembers), async (c, as) =>
    call(c, as, "DELETE", `${srv(c)}/members/${await freshMember(c.t, c.w)}`),
  ),
  http(
    "DELETE",
    "/servers/:serverId/members/:userId",
    "kick a fresh member holding Moderator",
    byPermission(204, P.KickMembers, { moderator: hierarchy }),
    async (c, as) => call(c, as, "DELETE", `${srv(c)}/members/${await freshMember(c.t, c.w, c.w.roles.moderator)}`),
  ),
  http(
    "DELETE",
    "/servers/:serverId/members/:userId",
    "kick a fresh member holding Admin",
    byPermission(204, P.KickMembers, { admin: hierarchy, moderator: hierarchy }),
    async (c, as) => call(c, as, "DELETE", `${srv(c)}/members/${await freshMember(c.t, c.w, c.w.roles.admin)}`),
  ),
  http(
    "DELETE",
    "/servers/:serverId/members/:userId",
    "kick the owner (own server per attempt)",
    // Nobody stands above the owner; the owner leaves only by transfer or deletion.
    byPermission(204, P.KickMembers, { owner: { status: 400 }, admin: hierarchy, moderator: hierarchy }),
    async (c, as) => call(c, as, "DELETE", `/servers/${(await smallServer(c, as)).server.id}/members/${idOf(c, "owner")}`),
  ),

  // bans
  http("GET", "/servers/:serverId/bans", "list bans", byPermission(200, P.BanMembers), (c, as) => call(c, as, "GET", `${srv(c)}/bans`)),
  http("PUT", "/servers/:serverId/bans/:userId", "ban a fresh plain member", byPermission(204, P.BanMembers), async (c, as) =>
    call(c, as, "PUT", `${srv(c)}/bans/${await freshMember(c.t, c.w)}`, { reason: `by ${as}` }),
  ),
  http(
    "PUT",
    "/servers/:serverId/bans/:userId",
    "ban a fresh member holding Admin",
    byPermission(204, P.BanMembers, { admin: hierarchy }),
    async (c, as) => call(c, as, "PUT", `${srv(c)}/bans/${await freshMember(c.t, c.w, c.w.roles.admin)}`, {}),
  ),
  http("DELETE", "/servers/:serverId/bans/:userId", "unban a freshly banned person", byPermission(204, P.BanMembers), async (c, as) => {
    const person = (await signUpPerson(c.t, "Banned target")).user!.id;
    expectStatus(await call(c, "owner", "PUT", `${srv(c)}/bans/${person}`, {}), 204, "ban a target");
    return call(c, as, "DELETE", `${srv(c)}/bans/${person}`);
  }),

  // invites
  http("GET", "/servers/:serverId/invites", "list invites", byPermission(200, P.ManageServer), (c, as) =>
    call(c, as, "GET", `${srv(c)}/invites`),
  ),
  http("POST", "/servers/:serverId/invites", "create an invite", byPermission(201, P.CreateInvite), (c, as) =>
    call(c, as, "POST", `${srv(c)}/invites`, {}),
  ),
  http(
    "GET",
    "/invites/:code",
    "preview an invite",
    // Public, like Discord's invite page.
    byPermission(200, null, { nonMember: { status: 200 }, banned: { status: 200 }, anonymous: { status: 200 } }),
    async (c, as) => call(c, as, "GET", `/invites/${await freshInvite(c.w)}`),
  ),
  http(
    "POST",
    "/invites/:code",
    "join through a fresh invite",
    // Members are already in (nothing changes); a ban survives every invite.
    byPermission(200, null, { nonMember: { status: 200 }, banned: { status: 403, code: "BANNED" } }),
    async (c, as) => {
      const reply = await call(c, as, "POST", `/invites/${await freshInvite(c.w)}`);
      // Put the non-member back outside, so later attempts still see a non-member.
      if (as === "nonMember" && reply.status === 200) {
        expectStatus(await call(c, "owner", "DELETE", `${srv(c)}/members/${idOf(c, as)}`), 204, "kick the non-member back out");
      }
      return reply;
    },
  ),
  http(
    "POST",
    "/invites/:code",
    "join through a revoked invite",
    // A clear error for everyone signed in; the invite is checked before the ban.
    Object.fromEntries(PERSONA_NAMES.map((p) => [p, p === "anonymous" ? { status: 401 } : { status: 404, code: "INVITE_INVALID" }])) as Expectation<HttpCell>,
    async (c, as) => {
      const code = await freshInvite(c.w);
      expectStatus(await call(c, "owner", "DELETE", `/invites/${code}`), 204, "revoke an invite");
      return call(c, as, "POST", `/invites/${code}`);
    },
  ),
  http("DELETE", "/invites/:code", "revoke the owner's invite", byPermission(204, P.ManageServer), async (c, as) =>
    call(c, as, "DELETE", `/invites/${await freshInvite(c.w)}`),
  ),

  // audit log
  http("GET", "/servers/:serverId/audit-log", "read the audit log", byPermission(200, P.ViewAuditLog), (c, as) =>
    call(c, as, "GET", `${srv(c)}/audit-log`),
  ),

  // voice rooms
  http("GET", "/servers/:serverId/voice-states", "list who is in the voice rooms", byPermission(200, null), (c, as) =>
    call(c, as, "GET", `${srv(c)}/voice-states`),
  ),
  http("PATCH", "/servers/:serverId/voice-states/:userId", "server-mute a fresh member in a voice room", byPermission(200, P.MuteMembers), async (c, as) =>
    call(c, as, "PATCH", `${srv(c)}/voice-states/${(await inVoice(c)).userId}`, { serverMute: true }),
  ),
  http("PATCH", "/servers/:serverId/voice-states/:userId", "server-deafen a fresh member in a voice room", byPermission(200, P.DeafenMembers), async (c, as) =>
    call(c, as, "PATCH", `${srv(c)}/voice-states/${(await inVoice(c)).userId}`, { serverDeaf: true }),
  ),
  http("DELETE", "/servers/:serverId/voice-states/:userId", "disconnect a fresh member from a voice room", byPermission(204, P.MoveMembers), async (c, as) =>
    call(c, as, "DELETE", `${srv(c)}/voice-states/${(await inVoice(c)).userId}`),
  ),

  // calls in conversations (a group of the owner's with the member, fresh where the attempt changes it)
  http("GET", "/channels/:channelId/call", "the call of a group of the owner and the member", inConversation(200, ["owner", "member"]), async (c, as) =>
    call(c, as, "GET", `/channels/${await freshGroup(c, ["member"])}/call`),
  ),
  http("POST", "/channels/:channelId/call", "start a call in a fresh group of the owner and the member", inConversation(201, ["owner", "member"]), async (c, as) =>
    call(c, as, "POST", `/channels/${await freshGroup(c, ["member"])}/call`, {}),
  ),
  http(
    "POST",
    "/channels/:channelId/call/ring",
    "ring the others again from inside the call (group of the owner, the member and the moderator)",
    inConversation(200, ["owner", "member", "moderator"]),
    async (c, as) => {
      const channelId = await freshGroup(c, ["member", "moderator"]);
      if (["owner", "member", "moderator"].includes(as)) await inCall(c, as, channelId);
      return call(c, as, "POST", `/channels/${channelId}/call/ring`, {});
    },
  ),
  http(
    "POST",
    "/channels/:channelId/call/decline",
    "decline the owner's call (group of the owner and the member)",
    // The caller is not rung.
    inConversation(204, ["owner", "member"], { owner: { status: 409, code: "CONFLICT" } }),
    async (c, as) => {
      const channelId = await freshGroup(c, ["member"]);
      expectStatus(await call(c, "owner", "POST", `/channels/${channelId}/call`, {}), 201, "start a call");
      return call(c, as, "POST", `/channels/${channelId}/call/decline`);
    },
  ),
  http("GET", "/users/@me/calls", "my open calls", inConversation(200, PERSONA_NAMES.filter((p) => p !== "anonymous")), (c, as) =>
    call(c, as, "GET", "/users/@me/calls"),
  ),
  http(
    "POST",
    "/channels/:channelId/call",
    "start a call in a server's voice room",
    // A server channel is never a call's room: it answers like a channel one cannot see.
    inConversation(201, []),
    async (c, as) => call(c, as, "POST", `/channels/${(await freshChannel(c.w, { name: "voice", type: "audio" })).id}/call`, {}),
  ),
  http(
    "PATCH",
    "/servers/:serverId/voice-states/:userId",
    "move a fresh member into a conversation (the owner's group)",
    // A conversation is never a server's voice room.
    byPermission(404, P.MoveMembers),
    async (c, as) => call(c, as, "PATCH", `${srv(c)}/voice-states/${(await inVoice(c)).userId}`, { channelId: await freshGroup(c, ["member"]) }),
  ),

  // notifications: one's own settings, subscriptions and inbox; a place one cannot see answers as if it did not exist
  http("GET", "/users/@me/notification-settings", "my notification settings", inConversation(200, SIGNED_IN), (c, as) =>
    call(c, as, "GET", "/users/@me/notification-settings"),
  ),
  http(
    "PUT",
    "/users/@me/notification-settings/servers/:serverId",
    "mute the server for an hour",
    byPermission(200, null, { nonMember: { status: 404 }, banned: { status: 404 } }),
    (c, as) => call(c, as, "PUT", `/users/@me/notification-settings/servers/${c.w.server.id}`, { mute: 60 }),
  ),
  http(
    "PUT",
    "/users/@me/notification-settings/channels/:channelId",
    "set #general to all messages",
    byPermission(200, null, { nonMember: { status: 404 }, banned: { status: 404 } }),
    (c, as) => call(c, as, "PUT", `/users/@me/notification-settings/channels/${c.w.general.id}`, { level: "all" }),
  ),
  http(
    "PUT",
    "/users/@me/notification-settings/channels/:channelId",
    "mute the private channel",
    inConversation(200, privateViewers),
    (c, as) => call(c, as, "PUT", `/users/@me/notification-settings/channels/${c.privateChannel.id}`, { mute: "forever" }),
  ),
  http(
    "PUT",
    "/users/@me/notification-settings/channels/:channelId",
    "mute a group of the owner and the member",
    inConversation(200, ["owner", "member"]),
    async (c, as) => call(c, as, "PUT", `/users/@me/notification-settings/channels/${await freshGroup(c, ["member"])}`, { mute: 15 }),
  ),
  http("GET", "/push/public-key", "the key browsers subscribe with", inConversation(200, SIGNED_IN), (c, as) => call(c, as, "GET", "/push/public-key")),
  http(
    "DELETE",
    "/users/@me/push-subscriptions",
    "remove the owner's fresh subscription (nothing is said about whose it is)",
    inConversation(204, SIGNED_IN),
    async (c, as) => {
      const endpoint = `https://push.example.com/matrix/${++endpoints}`;
      const keys = { p256dh: "B".repeat(87), auth: "A".repeat(22) };
      expectStatus(await call(c, "owner", "POST", "/users/@me/push-subscriptions", { endpoint, keys }), 201, "the owner subscribes");
      return call(c, as, "DELETE", "/users/@me/push-subscriptions", { endpoint });
    },
  ),
  http("GET", "/users/@me/inbox", "my inbox", inConversation(200, SIGNED_IN), (c, as) => call(c, as, "GET", "/users/@me/inbox")),
  ...socketRows,
];

