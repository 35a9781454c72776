import { eq } from "drizzle-orm";
import { DefaultRolePermissions } from "@/shared/permissions";
import type { CreateServerInput } from "@/shared/api";
import { newId } from "../../db/snowflake";
import { channels, members, roles, servers } from "../../db/schema";
import { presentMember, presentServer } from "../../presenters";
import { defineCommand } from "../context";

/** Creates a server owned by the actor, with the default roles and a `general` channel. */
export const createServer = defineCommand({ transaction: true }, async (input: CreateServerInput, { actor, tx, record }) => {
  const serverId = newId();
  const [server] = await tx.insert(servers).values({ id: serverId, name: input.name, ownerId: actor.id }).returning();
  await tx.insert(roles).values([
    // The everyone role shares the server's id, as in Discord.
    { id: serverId, serverId, name: "@everyone", position: 0, permissions: DefaultRolePermissions.everyone },
    { id: newId(), serverId, name: "Moderator", position: 1, color: 0x3498db, permissions: DefaultRolePermissions.moderator },
    { id: newId(), serverId, name: "Admin", position: 2, color: 0xe74c3c, permissions: DefaultRolePermissions.admin },
  ]);
  const [general] = await tx.insert(channels).values({ id: newId(), serverId, name: "general", type: "text", position: 0 }).returning();
  // Its first text channel receives the system lines, as in Discord; Overview changes it.
  await tx.update(servers).set({ systemChannelId: general!.id }).where(eq(servers.id, serverId));
  server!.systemChannelId = general!.id;
  const [member] = await tx.insert(members).values({ serverId, userId: actor.id }).returning();
  const presented = presentServer(server!);
  record({
    type: "member.added",
    server: presented,
    member: presentMember(member!, actor, [serverId]),
    visibleChannelIds: [general!.id.toString()],
  });
  return { server: presented, defaultChannelId: general!.id.toString() };
});
