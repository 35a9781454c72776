import { and, eq, sql } from "drizzle-orm";
import type { ChannelType } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { newId } from "../../db/snowflake";
import { channelOverwrites, channels } from "../../db/schema";
import { errors } from "../../errors";
import { requireHolds, requirePermission, requireServerAccess } from "../../policies/access";
import { serverVisibility, viewersOf } from "../../policies/visibility";
import { presentChannel } from "../../presenters";
import { recordAudit } from "../audit/recordAudit";
import { defineCommand } from "../context";
import { resolveOverwriteTarget } from "./overwrites";

export interface CreateChannelInput {
  serverId: bigint;
  name: string;
  type: ChannelType;
  parentId?: string | null;
  topic?: string | null;
  overwrites?: Array<{ id: string; type: "role" | "member"; allow: string; deny: string }>;
}

export const createChannel = defineCommand({ transaction: true }, async (input: CreateChannelInput, ctx) => {
  const { actor, tx, record } = ctx;
  const access = await requireServerAccess(tx, input.serverId, actor.id);
  requirePermission(access.permissions, Permission.ManageChannels);
  const parentId = input.parentId ? BigInt(input.parentId) : null;
  if (parentId !== null) {
    if (input.type === "category") throw errors.badRequest("A category cannot sit inside another category.");
    const [parent] = await tx
      .select({ type: channels.type })
      .from(channels)
      .where(and(eq(channels.id, parentId), eq(channels.serverId, input.serverId)));
    if (parent?.type !== "category") throw errors.badRequest("parentId must be a category of this server.");
  }
  const overwrites = input.overwrites ?? [];
  if (new Set(overwrites.map((o) => `${o.type}:${o.id}`)).size !== overwrites.length) {
    throw errors.badRequest("Each role or member may have one overwrite per channel.");
  }
  if (overwrites.length) {
    requirePermission(access.permissions, Permission.ManageRoles);
    for (const o of overwrites) requireHolds(access.permissions, BigInt(o.allow) | BigInt(o.deny));
  }

  const [{ next }] = (await tx
    .select({ next: sql<number>`coalesce(max(${channels.position}) + 1, 0)::int` })
    .from(channels)
    .where(eq(channels.serverId, input.serverId))) as [{ next: number }];
  const [row] = await tx
    .insert(channels)
    .values({ id: newId(), serverId: input.serverId, parentId, name: input.name, type: input.type, topic: input.topic ?? null, position: next })
    .returning();
  const overwriteRows = [];
  for (const o of overwrites) {
    const target = await resolveOverwriteTarget(tx, input.serverId, o.type, o.id);
    overwriteRows.push({ channelId: row!.id, roleId: target.roleId, userId: target.userId, allow: BigInt(o.allow), deny: BigInt(o.deny) });
  }
  if (overwriteRows.length) await tx.insert(channelOverwrites).values(overwriteRows);

  const channel = presentChannel(row!, overwriteRows);
  const viewerIds = viewersOf(await serverVisibility(tx, input.serverId), channel.id);
  await recordAudit(ctx, {
    serverId: input.serverId,
    action: "channel.create",
    targetType: "channel",
    targetId: channel.id,
    targetName: channel.name,
    changes: [{ key: "type", before: null, after: channel.type }],
  });
  record({ type: "channel.created", serverId: channel.serverId!, channel, viewerIds });
  return channel;
});
