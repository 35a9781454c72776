import { eq, sql } from "drizzle-orm";
import type { ChannelType } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { newId } from "../../db/snowflake";
import { channels } from "../../db/schema";
import { channelViewerIds, requirePermission, requireServerAccess } from "../../policies/access";
import { presentChannel } from "../../presenters";
import type { CommandContext } from "../context";

export async function createChannel(
  props: { serverId: bigint; name: string; type: ChannelType },
  { actor, tx, record }: CommandContext,
) {
  const access = await requireServerAccess(tx, props.serverId, actor.id);
  requirePermission(access.permissions, Permission.ManageChannels);
  const [{ next }] = (await tx
    .select({ next: sql<number>`coalesce(max(${channels.position}) + 1, 0)::int` })
    .from(channels)
    .where(eq(channels.serverId, props.serverId))) as [{ next: number }];
  const [row] = await tx
    .insert(channels)
    .values({ id: newId(), serverId: props.serverId, name: props.name, type: props.type, position: next })
    .returning();
  const channel = presentChannel(row!);
  const viewerIds = await channelViewerIds(tx, row!.id, props.serverId);
  record({ type: "channel.created", serverId: channel.serverId!, channel, viewerIds });
  return channel;
}
