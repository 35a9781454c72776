/**
 * Voice rooms seen from the server: who is in them (the channel list shows occupants
 * before one joins), and a moderator's server mute, deafen, move and disconnect, which
 * take effect at once on the media server and on the person's device.
 */
import type { VoiceState } from "@/shared/voice";
import { AppError, errors } from "../../errors";
import { publicState } from "../../media/voice-state";
import { type ChannelAccess, requireChannelAccess, requireServerAccess } from "../../policies/access";
import { visibleChannels } from "../../policies/visibility";
import { currentVoiceAbilities, requireVoiceChannel, requireVoiceModeration } from "../../policies/voice";
import { and, eq } from "drizzle-orm";
import { members, user } from "../../db/schema";
import { recordAudit } from "../audit/recordAudit";
import { type CommandContext, defineCommand, defineQuery } from "../context";
import { type HeldState, endPlace, forwardingOf, quietly, withVoiceLock } from "./places";

/** Everyone in the server's voice rooms that the viewer may see. */
export const listVoiceStates = defineQuery(async (input: { serverId: bigint }, ctx): Promise<VoiceState[]> => {
  await requireServerAccess(ctx.tx, input.serverId, ctx.actor.id);
  const { channelIds } = await visibleChannels(ctx.tx, ctx.actor.id, input.serverId);
  return ctx.services.voice.inChannels(channelIds.map(String));
});

/**
 * The target's place and the moderator's permissions in its room. A place in a room the
 * moderator cannot see answers like no place at all.
 */
async function targetPlace(ctx: CommandContext, serverId: bigint, userId: string): Promise<{ state: HeldState; here: ChannelAccess }> {
  const state = await ctx.services.voice.get(userId);
  const absent = () => errors.notInVoice("They are not in a voice room of this server.");
  if (!state || state.serverId !== serverId.toString()) throw absent();
  try {
    return { state, here: await requireChannelAccess(ctx.tx, BigInt(state.channelId), ctx.actor.id) };
  } catch (err) {
    if (err instanceof AppError && (err.code === "FORBIDDEN" || err.code === "NOT_FOUND")) throw absent();
    throw err;
  }
}

async function userName(ctx: CommandContext, userId: string): Promise<string | null> {
  const [row] = await ctx.tx.select({ name: user.name }).from(user).where(eq(user.id, userId));
  return row?.name ?? null;
}

export interface ModerateVoiceInput {
  serverId: bigint;
  userId: string;
  serverMute?: boolean;
  serverDeaf?: boolean;
  /** Move them to this voice channel of the same server. */
  channelId?: bigint;
}

export const moderateVoice = defineCommand({ transaction: false }, async (input: ModerateVoiceInput, ctx): Promise<VoiceState> => {
  await requireServerAccess(ctx.tx, input.serverId, ctx.actor.id);
  return withVoiceLock(input.userId, async () => {
    const { state, here } = await targetPlace(ctx, input.serverId, input.userId);
    const destination = input.channelId !== undefined && input.channelId.toString() !== state.channelId ? input.channelId : null;
    requireVoiceModeration(here.permissions, { serverMute: input.serverMute, serverDeaf: input.serverDeaf, move: destination !== null });
    let toName: string | null = null;
    if (destination !== null) {
      // The mover must see both rooms (Discord); the person moved must be able to be there.
      const to = await requireVoiceChannel(ctx.tx, destination, ctx.actor.id);
      toName = to.channel.name;
      if (to.server.serverId !== input.serverId) throw errors.notFound("Channel");
      if (!(await currentVoiceAbilities(ctx.tx, destination, input.userId))) {
        throw errors.forbidden("They cannot connect to that channel.");
      }
    }
    const next: HeldState = {
      ...state,
      serverMute: input.serverMute ?? state.serverMute,
      serverDeaf: input.serverDeaf ?? state.serverDeaf,
    };
    const { media } = ctx.services;
    if (destination !== null) {
      // Their device rejoins the new room on `voice.moved`; the old peer goes now.
      await quietly(ctx.services, "leave", () => media.leave({ roomId: state.channelId, userId: state.userId }));
      Object.assign(next, { channelId: destination.toString(), camera: false, screen: false, joinedAt: new Date().toISOString() });
      ctx.record({ type: "voice.left", serverId: state.serverId, channelId: state.channelId, userId: state.userId });
      ctx.record({ type: "voice.moved", socketId: state.socketId, fromChannelId: state.channelId, toChannelId: next.channelId });
    } else {
      const abilities = await currentVoiceAbilities(ctx.tx, BigInt(state.channelId), state.userId);
      if (abilities) {
        await quietly(ctx.services, "forwarding", () =>
          media.setForwarding({ roomId: state.channelId, userId: state.userId }, forwardingOf(next, abilities)),
        );
      }
    }
    await ctx.services.voice.set(next);
    ctx.record({ type: "voice.state", state: publicState(next) });
    const target = { serverId: input.serverId, targetType: "member" as const, targetId: state.userId, targetName: await userName(ctx, state.userId) };
    const flags = (["serverMute", "serverDeaf"] as const).filter((key) => next[key] !== state[key]);
    if (flags.length) {
      // Kept on the member, so leaving and rejoining does not lift it; logged with it.
      await ctx.atomically(async (ctx) => {
        await ctx.tx
          .update(members)
          .set({ serverMute: next.serverMute, serverDeaf: next.serverDeaf })
          .where(and(eq(members.serverId, input.serverId), eq(members.userId, state.userId)));
        await recordAudit(ctx, { ...target, action: "member.voice", changes: flags.map((key) => ({ key, before: state[key], after: next[key] })) });
      });
    }
    if (destination !== null) {
      const channel = (id: string, name: string | null) => ({ id, name });
      await recordAudit(ctx, {
        ...target,
        action: "member.move",
        changes: [{ key: "channel", before: channel(state.channelId, here.channel.name), after: channel(next.channelId, toName) }],
      });
    }
    return publicState(next);
  });
});

export const disconnectVoice = defineCommand({ transaction: false }, async (input: { serverId: bigint; userId: string }, ctx) => {
  await requireServerAccess(ctx.tx, input.serverId, ctx.actor.id);
  await withVoiceLock(input.userId, async () => {
    const { state, here } = await targetPlace(ctx, input.serverId, input.userId);
    requireVoiceModeration(here.permissions, { disconnect: true });
    await endPlace(ctx.services, state, "disconnected_by_moderator", ctx.record);
    await recordAudit(ctx, {
      serverId: input.serverId,
      action: "member.disconnect",
      targetType: "member",
      targetId: state.userId,
      targetName: await userName(ctx, state.userId),
      changes: [{ key: "channel", before: { id: state.channelId, name: here.channel.name }, after: null }],
    });
  });
});
