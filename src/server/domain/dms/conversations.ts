/**
 * Direct conversations: channels without a server, one per pair of people (`dm`) or a
 * group of up to 10 (`group_dm`). They belong to their people, so leaving a server
 * changes nothing here. Everyone in one is in its socket room from the start; `closed`
 * only hides it from that person's list until the next message.
 */
import { and, asc, eq, inArray, isNull, ne } from "drizzle-orm";
import type { DmChannel, PublicUser } from "@/shared/api";
import { limits } from "@/shared/limits";
import type { Tx } from "../../db/client";
import { newId } from "../../db/snowflake";
import { channels, dmParticipants, members, user, userBlocks } from "../../db/schema";
import { errors } from "../../errors";
import { requireChannelAccess, requireServerAccess } from "../../policies/access";
import { requireMayStartConversation } from "../../policies/people";
import { presentUser } from "../../presenters";
import type { CommandContext } from "../context";
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
export async function listConversations(tx: Tx, userId: string): Promise<DmChannel[]> {
  const mine = await tx
    .select({ channelId: dmParticipants.channelId })
    .from(dmParticipants)
    .where(and(eq(dmParticipants.userId, userId), eq(dmParticipants.closed, false)));
  const list = await loadConversations(tx, mine.map((r) => r.channelId));
  const key = (c: Conversation) => c.lastMessageId ?? c.channel.id;
  return list.sort((a, b) => (key(b) > key(a) ? 1 : key(b) < key(a) ? -1 : 0)).map((c) => presentDm(c, userId));
}

/** Conversation channel ids of a person (for socket rooms), closed ones included. */
export async function conversationIds(tx: Tx, userId: string): Promise<bigint[]> {
  const rows = await tx.select({ id: dmParticipants.channelId }).from(dmParticipants).where(eq(dmParticipants.userId, userId));
  return rows.map((r) => r.id);
}

function tellEveryone(ctx: CommandContext, c: Conversation, type: "dm.opened" | "dm.updated", userIds = c.people.map((p) => p.id)) {
  for (const userId of userIds) ctx.record({ type, userId, channel: presentDm(c, userId) });
}

/** Opens the 1:1 conversation with someone (creating it the first time). */
export async function openDirect(props: { recipientId: string }, ctx: CommandContext): Promise<DmChannel> {
  const me = ctx.actor.id;
  const dmKey = [me, props.recipientId].sort().join(":");
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
  await requireMayStartConversation(ctx.tx, me, props.recipientId);
  const id = newId();
  await ctx.tx.insert(channels).values({ id, serverId: null, name: "", type: "dm", dmKey });
  // It shows in the recipient's list with the first message, as in Discord.
  await ctx.tx.insert(dmParticipants).values([
    { channelId: id, userId: me, closed: false },
    { channelId: id, userId: props.recipientId, closed: true },
  ]);
  ctx.record({ type: "dm.joined", channelId: id.toString(), userIds: [me, props.recipientId] });
  const c = await loadConversation(ctx.tx, id);
  tellEveryone(ctx, c, "dm.opened", [me]);
  return presentDm(c, me);
}

/** Starts a group with the given people (up to 9 besides the creator). */
export async function startGroup(props: { recipientIds: string[]; name?: string | null }, ctx: CommandContext): Promise<DmChannel> {
  const me = ctx.actor.id;
  const others = [...new Set(props.recipientIds)].filter((id) => id !== me);
  if (others.length === 0) throw errors.badRequest("Pick at least one person.");
  if (others.length + 1 > limits.groupDmMax) throw errors.groupFull();
  for (const other of others) await requireMayStartConversation(ctx.tx, me, other);
  const id = newId();
  await ctx.tx.insert(channels).values({ id, serverId: null, name: props.name ?? "", type: "group_dm", ownerId: me });
  await ctx.tx.insert(dmParticipants).values([me, ...others].map((userId) => ({ channelId: id, userId })));
  ctx.record({ type: "dm.joined", channelId: id.toString(), userIds: [me, ...others] });
  const c = await loadConversation(ctx.tx, id);
  tellEveryone(ctx, c, "dm.opened");
  return presentDm(c, me);
}

async function requireGroup(ctx: CommandContext, channelId: bigint) {
  const access = await requireChannelAccess(ctx.tx, channelId, ctx.actor.id);
  if (access.channel.type !== "group_dm") throw errors.badRequest("This is not a group conversation.");
  return access.channel;
}

export async function updateGroup(props: { channelId: bigint; name?: string | null; icon?: string | null }, ctx: CommandContext) {
  await requireGroup(ctx, props.channelId);
  const patch: Partial<ChannelRow> = {};
  if (props.name !== undefined) patch.name = props.name ?? "";
  if (props.icon !== undefined) patch.icon = props.icon;
  await ctx.tx.update(channels).set(patch).where(eq(channels.id, props.channelId));
  const c = await loadConversation(ctx.tx, props.channelId);
  tellEveryone(ctx, c, "dm.updated");
  return presentDm(c, ctx.actor.id);
}

export async function addRecipient(props: { channelId: bigint; userId: string }, ctx: CommandContext) {
  await requireGroup(ctx, props.channelId);
  const before = await loadConversation(ctx.tx, props.channelId);
  if (before.people.some((p) => p.id === props.userId)) return presentDm(before, ctx.actor.id);
  if (before.people.length >= limits.groupDmMax) throw errors.groupFull();
  await requireMayStartConversation(ctx.tx, ctx.actor.id, props.userId);
  await ctx.tx.insert(dmParticipants).values({ channelId: props.channelId, userId: props.userId });
  ctx.record({ type: "dm.joined", channelId: props.channelId.toString(), userIds: [props.userId] });
  const c = await loadConversation(ctx.tx, props.channelId);
  tellEveryone(ctx, c, "dm.opened", [props.userId]);
  tellEveryone(ctx, c, "dm.updated", before.people.map((p) => p.id));
  return presentDm(c, ctx.actor.id);
}

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

export async function removeRecipient(props: { channelId: bigint; userId: string }, ctx: CommandContext) {
  const channel = await requireGroup(ctx, props.channelId);
  if (props.userId === ctx.actor.id) return leaveGroup(ctx, channel, ctx.actor.id);
  if (channel.ownerId !== ctx.actor.id) throw errors.forbidden("Only the group's creator can remove people.");
  const [target] = await ctx.tx
    .select({ userId: dmParticipants.userId })
    .from(dmParticipants)
    .where(and(eq(dmParticipants.channelId, props.channelId), eq(dmParticipants.userId, props.userId)));
  if (!target) throw errors.notFound("Person in this group");
  await leaveGroup(ctx, channel, props.userId);
}

/** Closes a 1:1 (back with the next message) or leaves a group. */
export async function closeConversation(props: { channelId: bigint }, ctx: CommandContext) {
  const access = await requireChannelAccess(ctx.tx, props.channelId, ctx.actor.id);
  if (access.server) throw errors.badRequest("This is a server channel, not a conversation.");
  if (access.channel.type === "group_dm") return leaveGroup(ctx, access.channel, ctx.actor.id);
  await ctx.tx
    .update(dmParticipants)
    .set({ closed: true })
    .where(and(eq(dmParticipants.channelId, props.channelId), eq(dmParticipants.userId, ctx.actor.id)));
  ctx.record({ type: "dm.closed", userId: ctx.actor.id, channelId: props.channelId.toString(), leaveRoom: false });
}

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

export async function listBlocks(tx: Tx, userId: string): Promise<PublicUser[]> {
  const rows = await tx
    .select({ id: user.id, name: user.name, image: user.image })
    .from(userBlocks)
    .innerJoin(user, eq(user.id, userBlocks.blockedId))
    .where(eq(userBlocks.userId, userId));
  return rows.map(presentUser);
}

export async function setBlocked(props: { userId: string; blocked: boolean }, ctx: CommandContext) {
  const me = ctx.actor.id;
  if (props.userId === me) throw errors.badRequest("You cannot block yourself.");
  const [target] = await ctx.tx.select({ id: user.id }).from(user).where(eq(user.id, props.userId));
  if (!target) throw errors.notFound("User");
  if (props.blocked) await ctx.tx.insert(userBlocks).values({ userId: me, blockedId: props.userId }).onConflictDoNothing();
  else await ctx.tx.delete(userBlocks).where(and(eq(userBlocks.userId, me), eq(userBlocks.blockedId, props.userId)));
  const all = await ctx.tx.select({ id: userBlocks.blockedId }).from(userBlocks).where(eq(userBlocks.userId, me));
  ctx.record({ type: "blocks.updated", userId: me, userIds: all.map((r) => r.id) });
}

/** People I share a server with: for the quick switcher and the group picker. */
export async function listPeople(tx: Tx, userId: string): Promise<PublicUser[]> {
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
}

export async function getDmSettings(tx: Tx, userId: string, serverId: bigint) {
  await requireServerAccess(tx, serverId, userId);
  const [row] = await tx
    .select({ allowDms: members.allowDms })
    .from(members)
    .where(and(eq(members.serverId, serverId), eq(members.userId, userId)));
  return row!;
}

export async function setDmSettings(tx: Tx, userId: string, serverId: bigint, allowDms: boolean) {
  await requireServerAccess(tx, serverId, userId);
  const [row] = await tx
    .update(members)
    .set({ allowDms })
    .where(and(eq(members.serverId, serverId), eq(members.userId, userId)))
    .returning({ allowDms: members.allowDms });
  return row!;
}

