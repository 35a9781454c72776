import { and, count, eq, lt, or, sql } from "drizzle-orm";
import type { InvitePreview } from "@/shared/api";
import type { Tx } from "../../db/client";
import { invites, members, servers } from "../../db/schema";
import { errors } from "../../errors";
import { visibleChannels } from "../../policies/visibility";
import { presentMember, presentServer } from "../../presenters";
import { defineCommand, defineQuery } from "../context";
import { isBanned } from "../members/bans";
import { writeJoinLine } from "../messages/systemLines";

async function loadUsableInvite(tx: Tx, code: string) {
  const [row] = await tx
    .select({ invite: invites, server: servers })
    .from(invites)
    .innerJoin(servers, eq(servers.id, invites.serverId))
    .where(eq(invites.code, code));
  if (!row || row.invite.revokedAt) throw errors.inviteInvalid("This invite is invalid or has been revoked.");
  if (row.invite.expiresAt && new Date(row.invite.expiresAt).getTime() <= Date.now()) {
    throw errors.inviteInvalid("This invite has expired.");
  }
  if (row.invite.maxUses > 0 && row.invite.uses >= row.invite.maxUses) {
    throw errors.inviteInvalid("This invite has reached its maximum number of uses.");
  }
  return row;
}

/** What a person sees before joining; public, like Discord's invite page (reads no actor). */
export const previewInvite = defineQuery(async ({ code }: { code: string }, { tx }): Promise<InvitePreview> => {
  const { invite, server } = await loadUsableInvite(tx, code);
  const [counted] = await tx.select({ n: count() }).from(members).where(eq(members.serverId, server.id));
  return {
    code: invite.code,
    server: { id: server.id.toString(), name: server.name, icon: server.icon },
    memberCount: counted?.n ?? 0,
    expiresAt: invite.expiresAt ? new Date(invite.expiresAt).toISOString() : null,
  };
});

/** Joins the invite's server; joining a server you are already in changes nothing. */
export const acceptInvite = defineCommand({ transaction: true }, async (input: { code: string }, ctx) => {
  const { actor, tx, record } = ctx;
  const { invite, server } = await loadUsableInvite(tx, input.code);
  if (await isBanned(tx, server.id, actor.id)) throw errors.banned();
  const [member] = await tx
    .insert(members)
    .values({ serverId: server.id, userId: actor.id })
    .onConflictDoNothing()
    .returning();
  if (!member) return { serverId: server.id.toString(), joined: false };

  // Count the use atomically so max uses holds under concurrent joins (a refusal rolls
  // back the membership above with the transaction).
  const [used] = await tx
    .update(invites)
    .set({ uses: sql`${invites.uses} + 1` })
    .where(and(eq(invites.code, invite.code), or(eq(invites.maxUses, 0), lt(invites.uses, invites.maxUses))))
    .returning({ uses: invites.uses });
  if (!used) throw errors.inviteInvalid("This invite has reached its maximum number of uses.");

  const { channelIds } = await visibleChannels(tx, actor.id, server.id);
  record({
    type: "member.added",
    server: presentServer(server),
    member: presentMember(member, actor, [server.id]),
    visibleChannelIds: channelIds.map(String),
  });
  // After member.added, so the newcomer's sockets are in the channel's room for the line.
  await writeJoinLine(ctx, server.id);
  return { serverId: server.id.toString(), joined: true };
});
