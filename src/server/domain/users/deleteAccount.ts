/**
 * Deleting an account. The person's messages stay (their author becomes "Deleted user");
 * nothing anyone else owns is touched, so servers they own must first be transferred or
 * deleted. Their sign-in methods, 2FA, read states and memberships go; their sessions
 * end, which disconnects their sockets.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { DeleteAccountInput } from "@/shared/api";
import { checkSecondFactor } from "../../auth/second-factor";
import { account, members, readStates, servers, session, twoFactor, user } from "../../db/schema";
import { errors } from "../../errors";
import { presentUser } from "../../presenters";
import { defineCommand } from "../context";
import { removeMembership } from "../servers/manageServer";
import { endSessions } from "./sessions";

export const DELETED_USER_NAME = "Deleted user";

/** An account with neither a password nor 2FA proves it is the person by a recent sign-in. */
const FRESH_SIGN_IN_MS = 10 * 60 * 1000;

/**
 * `sessionId` is the session making the request. No transaction around the whole: the
 * checks only read, the account's rows change together in `ctx.atomically`, and its
 * sessions end once that has committed and been told (`afterCommit`), through
 * better-auth on its own connection.
 */
export const deleteAccount = defineCommand(
  { transaction: false },
  async (input: DeleteAccountInput & { sessionId: string | null }, ctx): Promise<void> => {
    const { services } = ctx;
    const [me] = await ctx.tx.select().from(user).where(and(eq(user.id, ctx.actor.id), isNull(user.deletedAt)));
    if (!me) throw errors.unauthorized();

    // Re-authenticate: the password when the account has one, and the second factor when on.
    const [credential] = await ctx.tx
      .select({ password: account.password })
      .from(account)
      .where(and(eq(account.userId, me.id), eq(account.providerId, "credential")));
    if (credential?.password) {
      const auth = await services.auth.$context;
      const ok = !!input.password && (await auth.password.verify({ hash: credential.password, password: input.password }));
      if (!ok) throw errors.invalidPassword();
    }
    if (me.twoFactorEnabled) {
      const ok = !!input.code && (await checkSecondFactor(services.db, services.authSecret, me.id, input.code));
      if (!ok) throw errors.invalidCode();
    }
    if (!credential?.password && !me.twoFactorEnabled) {
      const [current] = input.sessionId
        ? await ctx.tx.select({ createdAt: session.createdAt }).from(session).where(eq(session.id, input.sessionId))
        : [];
      if (!current || Date.now() - new Date(current.createdAt).getTime() > FRESH_SIGN_IN_MS) throw errors.sessionNotFresh();
    }

    const owned = await ctx.tx.select({ id: servers.id, name: servers.name }).from(servers).where(eq(servers.ownerId, me.id));
    if (owned.length) throw errors.ownsServers(owned.map((s) => ({ id: s.id.toString(), name: s.name })));

    await ctx.atomically(async (ctx) => {
      const memberships = await ctx.tx.select({ serverId: members.serverId }).from(members).where(eq(members.userId, me.id));
      for (const m of memberships) await removeMembership(ctx, m.serverId, me.id, "left");
      await ctx.tx.delete(account).where(eq(account.userId, me.id));
      await ctx.tx.delete(twoFactor).where(eq(twoFactor.userId, me.id));
      await ctx.tx.delete(readStates).where(eq(readStates.userId, me.id));
      const tag = me.id.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 24);
      const [gone] = await ctx.tx
        .update(user)
        .set({
          name: DELETED_USER_NAME,
          // The row stays for the messages; what identified the person does not.
          email: `deleted-${me.id}@deleted.invalid`,
          emailVerified: false,
          username: `deleted_${tag}`,
          image: null,
          about: "",
          bannerColor: null,
          customStatus: null,
          customStatusExpiresAt: null,
          twoFactorEnabled: false,
          deletedAt: new Date(),
          updatedAt: new Date(),
        })
        .where(eq(user.id, me.id))
        .returning();
      ctx.record({
        type: "user.updated",
        userId: me.id,
        serverIds: memberships.map((m) => m.serverId.toString()),
        user: presentUser(gone!),
        customStatus: null,
      });
    });

    // After the events: the person's devices hear they left their servers, then are signed out.
    ctx.afterCommit(async () => {
      const sessions = await services.db.select({ id: session.id, token: session.token }).from(session).where(eq(session.userId, me.id));
      await endSessions(services, sessions, "deleted");
    });
  },
);
