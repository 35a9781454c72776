/**
 * A person's notification settings: defaults, per server and per channel or conversation.
 * Each change is one upsert of the fields given (absent ones keep their stored value),
 * answered with all of the person's settings, which also go to their own sockets
 * (`notification.settings.updated`) so their other devices follow.
 */
import { eq } from "drizzle-orm";
import {
  defaultNotificationPrefs,
  type MuteChoice,
  type NotificationSettings,
  type UpdateChannelNotificationsInput,
  type UpdateNotificationPrefsInput,
  type UpdateServerNotificationsInput,
} from "@/shared/api/notifications";
import type { Tx } from "../../db/client";
import { channelNotificationSettings, notificationPrefs, serverNotificationSettings } from "../../db/schema";
import { AppError, errors } from "../../errors";
import { loadServerAccess, requireChannelAccess } from "../../policies/access";
import {
  presentChannelNotificationSettings,
  presentNotificationPrefs,
  presentServerNotificationSettings,
} from "../../presenters/notifications";
import { inSequence } from "../../db/sequence";
import { type CommandContext, defineCommand, defineQuery } from "../context";

/** Everything of one person's, in three small reads. */
export async function loadNotificationSettings(tx: Tx, userId: string, now = Date.now()): Promise<NotificationSettings> {
  const [prefs, servers, channels] = await inSequence([
    () => tx.select().from(notificationPrefs).where(eq(notificationPrefs.userId, userId)),
    () => tx.select().from(serverNotificationSettings).where(eq(serverNotificationSettings.userId, userId)).orderBy(serverNotificationSettings.serverId),
    () => tx.select().from(channelNotificationSettings).where(eq(channelNotificationSettings.userId, userId)).orderBy(channelNotificationSettings.channelId),
  ]);
  return {
    prefs: presentNotificationPrefs(prefs[0]),
    servers: servers.map((r) => presentServerNotificationSettings(r, now)),
    channels: channels.map((r) => presentChannelNotificationSettings(r, now)),
  };
}

/** A mute choice as stored: a length starts from now, "forever" has no end, null unmutes. */
export function muteColumns(mute: MuteChoice | null, now = Date.now()): { muted: boolean; mutedUntil: Date | null } {
  if (mute === null) return { muted: false, mutedUntil: null };
  if (mute === "forever") return { muted: true, mutedUntil: null };
  return { muted: true, mutedUntil: new Date(now + mute * 60_000) };
}

async function told(ctx: CommandContext): Promise<NotificationSettings> {
  const settings = await loadNotificationSettings(ctx.tx, ctx.actor.id);
  ctx.record({ type: "notification.settings.updated", userId: ctx.actor.id, settings });
  return settings;
}

export const getNotificationSettings = defineQuery(
  async (_input: Record<string, never>, ctx): Promise<NotificationSettings> => loadNotificationSettings(ctx.tx, ctx.actor.id),
);

export const updateNotificationPrefs = defineCommand(
  { transaction: false },
  async (input: UpdateNotificationPrefsInput, ctx): Promise<NotificationSettings> => {
    await ctx.tx
      .insert(notificationPrefs)
      .values({ ...defaultNotificationPrefs, ...input, userId: ctx.actor.id })
      .onConflictDoUpdate({ target: notificationPrefs.userId, set: input });
    return told(ctx);
  },
);

/** Only a member may set a server's notifications; to anyone else the server does not exist. */
export const updateServerNotifications = defineCommand(
  { transaction: false },
  async (input: UpdateServerNotificationsInput & { serverId: bigint }, ctx): Promise<NotificationSettings> => {
    const { serverId, mute, ...rest } = input;
    if (!(await loadServerAccess(ctx.tx, serverId, ctx.actor.id))) throw errors.notFound("Server");
    const set = { ...rest, ...(mute === undefined ? {} : muteColumns(mute)) };
    await ctx.tx
      .insert(serverNotificationSettings)
      .values({ ...set, userId: ctx.actor.id, serverId })
      .onConflictDoUpdate({ target: [serverNotificationSettings.userId, serverNotificationSettings.serverId], set });
    return told(ctx);
  },
);

/**
 * Only someone who can view the channel (a conversation: one of its people) may set its
 * notifications; to anyone else it does not exist. A category holds no messages.
 */
export const updateChannelNotifications = defineCommand(
  { transaction: false },
  async (input: UpdateChannelNotificationsInput & { channelId: bigint }, ctx): Promise<NotificationSettings> => {
    const { channelId, mute, ...rest } = input;
    const access = await requireChannelAccess(ctx.tx, channelId, ctx.actor.id).catch((err: unknown) => {
      throw err instanceof AppError && err.status === 403 ? errors.notFound("Channel") : err;
    });
    if (access.channel.type === "category") {
      throw errors.badRequest("A category has no notifications of its own: set them on its channels or on the server.");
    }
    const set = { ...rest, ...(mute === undefined ? {} : muteColumns(mute)) };
    await ctx.tx
      .insert(channelNotificationSettings)
      .values({ ...set, userId: ctx.actor.id, channelId })
      .onConflictDoUpdate({ target: [channelNotificationSettings.userId, channelNotificationSettings.channelId], set });
    return told(ctx);
  },
);
