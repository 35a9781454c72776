import { and, eq, inArray } from "drizzle-orm";
import type { ChannelType } from "@/shared/api";
import { channelName } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import type { Tx } from "../../db/client";
import { channels } from "../../db/schema";
import { errors } from "../../errors";
import { requireServerChannelAccess, requirePermission, requireServerAccess } from "../../policies/access";
import { changesBetween, recordAudit } from "../audit/recordAudit";
import { defineCommand } from "../context";
import { presentChannelById } from "./queries";

async function requireCategory(tx: Tx, serverId: bigint, parentId: bigint) {
  const [parent] = await tx
    .select({ type: channels.type })
    .from(channels)
    .where(and(eq(channels.id, parentId), eq(channels.serverId, serverId)));
  if (parent?.type !== "category") throw errors.badRequest("parentId must be a category of this server.");
}

interface UpdateChannelInput {
  channelId: bigint;
  name?: string;
  topic?: string | null;
  parentId?: string | null;
  position?: number;
  slowmodeSeconds?: number;
}

export const updateChannel = defineCommand({ transaction: true }, async (input: UpdateChannelInput, ctx) => {
  const access = await requireServerChannelAccess(ctx.tx, input.channelId, ctx.actor.id);
  requirePermission(access.permissions, Permission.ManageChannels);
  const serverId = access.server.serverId;
  const patch: Partial<typeof channels.$inferInsert> = {};
  if (input.name !== undefined) patch.name = channelName(access.channel.type as ChannelType, input.name);
  if (input.topic !== undefined) patch.topic = input.topic;
  if (input.position !== undefined) patch.position = input.position;
  if (input.slowmodeSeconds !== undefined) patch.slowmodeSeconds = input.slowmodeSeconds;
  if (input.parentId !== undefined) {
    if (input.parentId === null) patch.parentId = null;
    else {
      if (access.channel.type === "category") throw errors.badRequest("A category cannot sit inside another category.");
      await requireCategory(ctx.tx, serverId, BigInt(input.parentId));
      patch.parentId = BigInt(input.parentId);
    }
  }
  if (Object.keys(patch).length === 0) throw errors.badRequest("Nothing to change.");
  await ctx.tx.update(channels).set(patch).where(eq(channels.id, input.channelId));
  const changes = changesBetween(access.channel as unknown as Record<string, unknown>, patch as Record<string, unknown>);
  await recordAudit(ctx, {
    serverId,
    action: "channel.update",
    targetType: "channel",
    targetId: input.channelId.toString(),
    targetName: patch.name ?? access.channel.name,
    changes,
  });
  const channel = (await presentChannelById(ctx.tx, input.channelId))!;
  ctx.record({ type: "channel.updated", serverId: serverId.toString(), channel });
  return channel;
});

export const deleteChannel = defineCommand({ transaction: true }, async (input: { channelId: bigint }, ctx) => {
  const access = await requireServerChannelAccess(ctx.tx, input.channelId, ctx.actor.id);
  requirePermission(access.permissions, Permission.ManageChannels);
  const serverId = access.server.serverId;
  // Children of a deleted category stay, without a category (the foreign key sets null).
  const children = await ctx.tx.select({ id: channels.id }).from(channels).where(eq(channels.parentId, input.channelId));
  await ctx.tx.delete(channels).where(eq(channels.id, input.channelId));
  for (const child of children) {
    const channel = (await presentChannelById(ctx.tx, child.id))!;
    ctx.record({ type: "channel.updated", serverId: serverId.toString(), channel });
  }
  await recordAudit(ctx, {
    serverId,
    action: "channel.delete",
    targetType: "channel",
    targetId: input.channelId.toString(),
    targetName: access.channel.name,
    // The type lets the log say "deleted the category" for a category.
    changes: [{ key: "type", before: access.channel.type, after: null }],
  });
  ctx.record({ type: "channel.deleted", serverId: serverId.toString(), channelId: input.channelId.toString() });
});

interface ReorderChannelsInput {
  serverId: bigint;
  items: Array<{ id: string; position: number; parentId?: string | null }>;
}

/** Drag and drop: new positions (and categories) for several channels at once. */
export const reorderChannels = defineCommand({ transaction: true }, async (input: ReorderChannelsInput, ctx) => {
  const access = await requireServerAccess(ctx.tx, input.serverId, ctx.actor.id);
  requirePermission(access.permissions, Permission.ManageChannels);
  const ids = input.items.map((i) => BigInt(i.id));
  const rows = await ctx.tx
    .select()
    .from(channels)
    .where(and(eq(channels.serverId, input.serverId), inArray(channels.id, ids)));
  if (rows.length !== new Set(ids).size) throw errors.notFound("Channel");
  const byId = new Map(rows.map((r) => [r.id.toString(), r]));
  const changed = input.items.filter((i) => {
    const row = byId.get(i.id)!;
    const parent = i.parentId === undefined ? row.parentId : i.parentId === null ? null : BigInt(i.parentId);
    return row.position !== i.position || row.parentId !== parent;
  });
  for (const item of changed) {
    const row = byId.get(item.id)!;
    const patch: Partial<typeof channels.$inferInsert> = { position: item.position };
    if (item.parentId !== undefined) {
      if (item.parentId !== null) {
        if (row.type === "category") throw errors.badRequest("A category cannot sit inside another category.");
        await requireCategory(ctx.tx, input.serverId, BigInt(item.parentId));
      }
      patch.parentId = item.parentId === null ? null : BigInt(item.parentId);
    }
    await ctx.tx.update(channels).set(patch).where(eq(channels.id, row.id));
    const channel = (await presentChannelById(ctx.tx, row.id))!;
    ctx.record({ type: "channel.updated", serverId: input.serverId.toString(), channel });
  }
  if (!changed.length) return;
  await recordAudit(ctx, {
    serverId: input.serverId,
    action: "channel.update",
    targetType: "server",
    targetId: input.serverId.toString(),
    targetName: "channel order",
    changes: changed.map((i) => ({ key: `position:${byId.get(i.id)!.name}`, before: byId.get(i.id)!.position, after: i.position })),
  });
});
