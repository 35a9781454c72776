/**
 * Direct conversations: channels without a server, one per pair of people (`dm`) or a
 * group of up to 10 (`group_dm`). They belong to their people, so leaving a server
 * changes nothing here. Everyone in one is in its socket room from the start; `closed`
 * only hides it from that person's list until the next message.
 */
import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import type { DmChannel, DmSettings, PublicUser } from "@/shared/api";
import { limits } from "@/shared/limits";
import type { Tx } from "../../db/client";
import { newId } from "../../db/snowflake";
import { channels, dmParticipants, members, user, userBlocks } from "../../db/schema";
import { errors } from "../../errors";
import { requireChannelAccess, requireServerAccess } from "../../policies/access";
import { requireMayStartConversation } from "../../policies/people";
import { presentUser } from "../../presenters";
import { type CommandContext, defineCommand, defineQuery } from "../context";
import { lastMessageIds } from "../channels/queries";

type ChannelRow = typeof channels.$inferSelect;

interface Conversation {
  channel: ChannelRow;
  people: PublicUser[];
  lastMessageId: bigint | null;
}

export function presentDm(c: Conversation, viewerId: string): DmChannel {
  return {
    id: c.channel.id.toString(),
    type: c.channel.type === "group_dm" ? "group_dm" : "dm",
    name: c.channel.type === "group_dm" && c.channel.name ? c.channel.name : null,
    icon: c.channel.icon,
    ownerId: c.channel.type === "group_dm" ? c.channel.ownerId : null,
    recipients: c.people.filter((p) => p.id !== viewerId),
    lastMessageId: c.lastMessageId?.toString() ?? null,
  };
}

async function loadConversations(tx: Tx, channelIds: bigint[]): Promise<Conversation[]> {
  if (!channelIds.length) return [];
  const rows = await tx.select().from(channels).where(inArray(channels.id, channelIds));
  const people = await tx
    .select({ channelId: dmParticipants.channelId, id: user.id, name: user.name, image: user.image })
    .from(dmParticipants)
    .innerJoin(user, eq(user.id, dmParticipants.userId))
    .where(inArray(dmParticipants.channelId, channelIds))
    .orderBy(asc(dmParticipants.joinedAt));
  const last = await lastMessageIds(tx, channelIds);
  return rows.map((channel) => ({
    channel,
    people: people.filter((p) => p.channelId === channel.id).map(presentUser),
    lastMessageId: last.get(channel.id) ?? null,
  }));
}

async function loadConversation(tx: Tx, channelId: bigint): Promise<Conversation> {
  const [c] = await loadConversations(tx, [channelId]);
  if (!c) throw errors.notFound("Channel");
  return c;
}

/** My open conversations, most recent first. */
export const listConversations = defineQuery(async (_input: Record<string, never>, ctx): Promise<DmChannel[]> => {
  const userId = ctx.actor.id;
  const mine = await ctx.tx
    .select({ channelId: dmParticipants.channelId })
    .from(dmParticipants)
    .where(and(eq(dmParticipants.userId, userId), eq(dmParticipants.closed, false)));
  const list = await loadConversations(ctx.tx, mine.map((r) => r.channelId));
  const key = (c: Conversation) => c.lastMessageId ?? c.channel.id;
  return list.sort((a, b) => (key(b) > key(a) ? 1 : key(b) < key(a) ? -1 : 0)).map((c) => presentDm(c, userId));
});

function tellEveryone(ctx: CommandContext, c: Conversation, type: "dm.opened" | "dm.updated", userIds = c.people.map((p) => p.id)) {
  for (const userId of userIds) ctx.record({ type, userId, channel: presentDm(c, userId) });
}

/** Opens the 1:1 conversation with someone (creating it the first time: two inserts). */
export const openDirect = defineCommand({ transaction: true }, async (input: { recipientId: string }, ctx): Promise<DmChannel> => {
  const me = ctx.actor.id;
  const dmKey = [me, input.recipientId].sort().join(":");
  const [existing] = await ctx.tx.select({ id: channels.id }).from(channels).where(eq(channels.dmKey, dmKey));
  if (existing) {
    // Reopening one's own list needs no permission; sending in it is checked per message.
    await ctx.tx
      .update(dmParticipants)
      .set({ closed: false })
      .where(and(eq(dmParticipants.channelId, existing.id), eq(dmParticipants.userId, me)));
    const c = await loadConversation(ctx.tx, existing.id);
    tellEveryone(ctx, c, "dm.opened", [me]);
    return presentDm(c, me);
  }
  await requireMayStartConversation(ctx.tx, me, input.recipientId);
  const id = newId();
  await ctx.tx.insert(channels).values({ id, serverId: null, name: "", type: "dm", dmKey });
  // It shows in the recipient's list with the first message, as in Discord.
  await ctx.tx.insert(dmParticipants).values([
    { channelId: id, userId: me, closed: false },
    { channelId: id, userId: input.recipientId, closed: true },
  ]);
  ctx.record({ type: "dm.joined", channelId: id.toString(), userIds: [me, input.recipientId] });
  const c = await loadConversation(ctx.tx, id);
  tellEveryone(ctx, c, "dm.opened", [me]);
  return presentDm(c, me);
});

/** Starts a group with the given people (up to 9 besides the creator). */
export const startGroup = defineCommand(
  { transaction: true },
  async (input: { recipientIds: string[]; name?: string | null }, ctx): Promise<DmChannel> => {
    const me = ctx.actor.id;
    const others = [...new Set(input.recipientIds)].filter((id) => id !== me);
    if (others.length === 0) throw errors.badRequest("Pick at least one person.");
    if (others.length + 1 > limits.groupDmMax) throw errors.groupFull();
    for (const other of others) await requireMayStartConversation(ctx.tx, me, other);
    const id = newId();
    await ctx.tx.insert(channels).values({ id, serverId: null, name: input.name ?? "", type: "group_dm", ownerId: me });
    await ctx.tx.insert(dmParticipants).values([me, ...others].map((userId) => ({ channelId: id, userId })));
    ctx.record({ type: "dm.joined", channelId: id.toString(), userIds: [me, ...others] });
    const c = await loadConversation(ctx.tx, id);
    tellEveryone(ctx, c, "dm.opened");
    return presentDm(c, me);
  },
);

async function requireGroup(ctx: CommandContext, channelId: bigint) {
  const access = await requireChannelAccess(ctx.tx, channelId, ctx.actor.id);
  if (access.channel.type !== "group_dm") throw errors.badRequest("This is not a group conversation.");
  return access.channel;
}

/** Renames a group or changes its icon: one UPDATE. */
export const updateGroup = defineCommand(
  { transaction: false },
  async (input: { channelId: bigint; name?: string | null; icon?: string | null }, ctx): Promise<DmChannel> => {
    await requireGroup(ctx, input.channelId);
    const patch: Partial<ChannelRow> = {};
    if (input.name !== undefined) patch.name = input.name ?? "";
    if (input.icon !== undefined) patch.icon = input.icon;
    await ctx.tx.update(channels).set(patch).where(eq(channels.id, input.channelId));
    const c = await loadConversation(ctx.tx, input.channelId);
    tellEveryone(ctx, c, "dm.updated");
    return presentDm(c, ctx.actor.id);
  },
);

/** Adds someone to a group: one INSERT. */
export const addRecipient = defineCommand(
  { transaction: false },
  async (input: { channelId: bigint; userId: string }, ctx): Promise<DmChannel> => {
    await requireGroup(ctx, input.channelId);
    const before = await loadConversation(ctx.tx, input.channelId);
    if (before.people.some((p) => p.id === input.userId)) return presentDm(before, ctx.actor.id);
    if (before.people.length >= limits.groupDmMax) throw errors.groupFull();
    await requireMayStartConversation(ctx.tx, ctx.actor.id, input.userId);
    await ctx.tx.insert(dmParticipants).values({ channelId: input.channelId, userId: input.userId });
    ctx.record({ type: "dm.joined", channelId: input.channelId.toString(), userIds: [input.userId] });
    const c = await loadConversation(ctx.tx, input.channelId);
    tellEveryone(ctx, c, "dm.opened", [input.userId]);
    tellEveryone(ctx, c, "dm.updated", before.people.map((p) => p.id));
    return presentDm(c, ctx.actor.id);
  },
);

/** Someone leaves a group (themselves, or removed by its creator); the last one out ends it. */
async function leaveGroup(ctx: CommandContext, channel: ChannelRow, userId: string) {
  await ctx.tx.delete(dmParticipants).where(and(eq(dmParticipants.channelId, channel.id), eq(dmParticipants.userId, userId)));
  ctx.record({ type: "dm.closed", userId, channelId: channel.id.toString(), leaveRoom: true });
  const rest = await ctx.tx
    .select({ userId: dmParticipants.userId })
    .from(dmParticipants)
    .where(eq(dmParticipants.channelId, channel.id))
    .orderBy(asc(dmParticipants.joinedAt));
  if (!rest.length) {
    await ctx.tx.delete(channels).where(eq(channels.id, channel.id));
    return;
  }
  // A group whose creator left passes to whoever has been in it longest.
  if (channel.ownerId === userId) await ctx.tx.update(channels).set({ ownerId: rest[0]!.userId }).where(eq(channels.id, channel.id));
  tellEveryone(ctx, await loadConversation(ctx.tx, channel.id), "dm.updated");
}

/** Removes someone from a group (or leaves it): their row, and the group or its owner after them. */
export const removeRecipient = defineCommand(
  { transaction: true },
  async (input: { channelId: bigint; userId: string }, ctx): Promise<void> => {
    const channel = await requireGroup(ctx, input.channelId);
    if (input.userId === ctx.actor.id) return leaveGroup(ctx, channel, ctx.actor.id);
    if (channel.ownerId !== ctx.actor.id) throw errors.forbidden("Only the group's creator can remove people.");
    const [target] = await ctx.tx
      .select({ userId: dmParticipants.userId })
      .from(dmParticipants)
      .where(and(eq(dmParticipants.channelId, input.channelId), eq(dmParticipants.userId, input.userId)));
    if (!target) throw errors.notFound("Person in this group");
    await leaveGroup(ctx, channel, input.userId);
  },
);

/** Closes a 1:1 (back with the next message) or leaves a group (several writes). */
export const closeConversation = defineCommand({ transaction: true }, async (input: { channelId: bigint }, ctx): Promise<void> => {
  const access = await requireChannelAccess(ctx.tx, input.channelId, ctx.actor.id);
  if (access.server) throw errors.badRequest("This is a server channel, not a conversation.");
  if (access.channel.type === "group_dm") return leaveGroup(ctx, access.channel, ctx.actor.id);
  await ctx.tx
    .update(dmParticipants)
    .set({ closed: true })
    .where(and(eq(dmParticipants.channelId, input.channelId), eq(dmParticipants.userId, ctx.actor.id)));
  ctx.record({ type: "dm.closed", userId: ctx.actor.id, channelId: input.channelId.toString(), leaveRoom: false });
});

/** After a message in a conversation: whoever had closed it sees it again. */
export async function reopenConversation(ctx: CommandContext, channelId: bigint) {
  const reopened = await ctx.tx
    .update(dmParticipants)
    .set({ closed: false })
    .where(and(eq(dmParticipants.channelId, channelId), eq(dmParticipants.closed, true)))
    .returning({ userId: dmParticipants.userId });
  if (!reopened.length) return;
  tellEveryone(ctx, await loadConversation(ctx.tx, channelId), "dm.opened", reopened.map((r) => r.userId));
}

// ---- blocks, settings, people ------------------------------------------------------

export const listBlocks = defineQuery(async (_input: Record<string, never>, ctx): Promise<PublicUser[]> => {
  const rows = await ctx.tx
    .select({ id: user.id, name: user.name, image: user.image })
    .from(userBlocks)
    .innerJoin(user, eq(user.id, userBlocks.blockedId))
    .where(eq(userBlocks.userId, ctx.actor.id));
  return rows.map(presentUser);
});

/** Blocks or unblocks someone: one INSERT or DELETE. */
export const setBlocked = defineCommand({ transaction: false }, async (input: { userId: string; blocked: boolean }, ctx): Promise<void> => {
  const me = ctx.actor.id;
  if (input.userId === me) throw errors.badRequest("You cannot block yourself.");
  const [target] = await ctx.tx.select({ id: user.id }).from(user).where(eq(user.id, input.userId));
  if (!target) throw errors.notFound("User");
  if (input.blocked) await ctx.tx.insert(userBlocks).values({ userId: me, blockedId: input.userId }).onConflictDoNothing();
  else await ctx.tx.delete(userBlocks).where(and(eq(userBlocks.userId, me), eq(userBlocks.blockedId, input.userId)));
  const all = await ctx.tx.select({ id: userBlocks.blockedId }).from(userBlocks).where(eq(userBlocks.userId, me));
  ctx.record({ type: "blocks.updated", userId: me, userIds: all.map((r) => r.id) });
});

/** People I share a server with: for the quick switcher and the group picker. */
export const listPeople = defineQuery(async (_input: Record<string, never>, ctx): Promise<PublicUser[]> => {
  const { tx } = ctx;
  const userId = ctx.actor.id;
  const rows = await tx
    .selectDistinct({ id: user.id, name: user.name, image: user.image })
    .from(members)
    .innerJoin(user, eq(user.id, members.userId))
    .where(
      and(
        ne(members.userId, userId),
        isNull(user.deletedAt),
        inArray(members.serverId, tx.select({ id: members.serverId }).from(members).where(eq(members.userId, userId))),
      ),
    )
    .orderBy(asc(user.name))
    .limit(1000);
  return rows.map(presentUser);
});

/** Whether members of this server may start a conversation with me. */
export const getDmSettings = defineQuery(async (input: { serverId: bigint }, ctx): Promise<DmSettings> => {
  await requireServerAccess(ctx.tx, input.serverId, ctx.actor.id);
  const [row] = await ctx.tx
    .select({ allowDms: members.allowDms })
    .from(members)
    .where(and(eq(members.serverId, input.serverId), eq(members.userId, ctx.actor.id)));
  return row!;
});

/** Sets that switch for one server I am in: one UPDATE. */
export const setDmSettings = defineCommand(
  { transaction: false },
  async (input: { serverId: bigint; allowDms: boolean }, ctx): Promise<DmSettings> => {
    await requireServerAccess(ctx.tx, input.serverId, ctx.actor.id);
    const [row] = await ctx.tx
      .update(members)
      .set({ allowDms: input.allowDms })
      .where(and(eq(members.serverId, input.serverId), eq(members.userId, ctx.actor.id)))
      .returning({ allowDms: members.allowDms });
    return row!;
  },
);

