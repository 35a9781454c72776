/**
 * Who one message (or one missed call) notifies, and as what. Candidates are gathered
 * narrowly — the people named, the holders of the roles named, the author of the message
 * replied to, and those who asked for every message there; everyone only for
 * @everyone/@here — then kept only if they may view the channel now (the permission
 * module decides, never a role check here), are not the author and have not blocked the
 * author. Their settings are loaded in one query and the shared rule decides the kind.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { NotificationKind } from "@/shared/api/notifications";
import type { Message } from "@/shared/api";
import { splitMentions } from "@/shared/mentions";
import { type NotifyFacts, type NotifySettings, notificationKind } from "@/shared/notifications";
import type { Db } from "../db/client";
import { hotStatement } from "../db/hot-statement";
import {
  channelNotificationSettings,
  dmParticipants,
  memberRoles,
  notificationPrefs,
  serverNotificationSettings,
  user,
  userBlocks,
} from "../db/schema";
import { placeCacheFor } from "./place-cache";
import { serverVisibility, viewersOf } from "../policies/visibility";
import {
  presentChannelNotificationSettings,
  presentNotificationPrefs,
  presentServerNotificationSettings,
} from "../presenters/notifications";
import type { PresenceStore } from "../realtime/presence";

/** Where a message was sent: what titles and links need. */
export interface Place {
  channelId: bigint;
  serverId: bigint | null;
  channelName: string;
  serverName: string | null;
  /** In a server channel: the members whose level there is "all". */
  allLevel: string[];
}

export interface Recipient {
  userId: string;
  kind: NotificationKind;
  hidePreviews: boolean;
  /** Do not disturb as they chose it (kept in the database, so it holds while offline). */
  dnd: boolean;
}

/**
 * The place, and in a server channel the members whose level there is "all" (the
 * channel's, else the server's, else their default), in one round trip: for most
 * messages (no mention, no reply) that is all the fan-out needs to know.
 */
const placeStatement = hotStatement<{ server_id: string | bigint | null; channel_name: string; server_name: string | null; all_level: string[] | null }>(
  "notify_place",
  `select c.server_id, c.name as channel_name, s.name as server_name,
     case when c.server_id is null then null else array(
       select m.user_id from members m
       left join notification_prefs p on p.user_id = m.user_id
       left join server_notification_settings ss on ss.user_id = m.user_id and ss.server_id = c.server_id
       left join channel_notification_settings cs on cs.user_id = m.user_id and cs.channel_id = c.id
       where m.server_id = c.server_id and coalesce(cs.level, ss.level, p.server_default, 'mentions') = 'all') end as all_level
   from channels c left join servers s on s.id = c.server_id
   where c.id = $1`,
);

/** The place of a channel, from the process's cache (notify/place-cache.ts) when it holds it. */
export function loadPlace(db: Db, channelId: bigint): Promise<Place | null> {
  return placeCacheFor(db).get(channelId, () => readPlace(db, channelId));
}

async function readPlace(db: Db, channelId: bigint): Promise<Place | null> {
  const [row] = await placeStatement(db, [channelId]);
  if (!row) return null;
  return {
    channelId,
    serverId: row.server_id === null ? null : BigInt(row.server_id),
    channelName: row.channel_name,
    serverName: row.server_name,
    allLevel: row.all_level ?? [],
  };
}

/** The people in a direct conversation (a closed one still notifies: a new message reopens it). */
async function participantsOf(db: Db, channelId: bigint): Promise<string[]> {
  const rows = await db.select({ userId: dmParticipants.userId }).from(dmParticipants).where(eq(dmParticipants.channelId, channelId));
  return rows.map((r) => r.userId);
}

async function holdersOf(db: Db, serverId: bigint, roleIds: string[]): Promise<Set<string>> {
  if (roleIds.length === 0) return new Set();
  const rows = await db
    .select({ userId: memberRoles.userId })
    .from(memberRoles)
    .where(and(eq(memberRoles.serverId, serverId), inArray(memberRoles.roleId, roleIds.map(BigInt))));
  return new Set(rows.map((r) => r.userId));
}

/** Who among `candidates` blocked `authorId`: they hear nothing from them. */
async function blockersOf(db: Db, authorId: string, candidates: string[]): Promise<Set<string>> {
  if (candidates.length === 0) return new Set();
  const rows = await db
    .select({ userId: userBlocks.userId })
    .from(userBlocks)
    .where(and(eq(userBlocks.blockedId, authorId), inArray(userBlocks.userId, candidates)));
  return new Set(rows.map((r) => r.userId));
}

interface Loaded {
  settings: NotifySettings;
  dnd: boolean;
}

/** Each person's defaults and their settings for this server and channel, in one query. */
async function settingsOf(db: Db, place: Place, userIds: string[]): Promise<Map<string, Loaded>> {
  const result = new Map<string, Loaded>();
  if (userIds.length === 0) return result;
  const rows = await db
    .select({ userId: user.id, status: user.status, deletedAt: user.deletedAt, prefs: notificationPrefs, server: serverNotificationSettings, channel: channelNotificationSettings })
    .from(user)
    .leftJoin(notificationPrefs, eq(notificationPrefs.userId, user.id))
    .leftJoin(
      serverNotificationSettings,
      and(eq(serverNotificationSettings.userId, user.id), eq(serverNotificationSettings.serverId, place.serverId ?? -1n)),
    )
    .leftJoin(
      channelNotificationSettings,
      and(eq(channelNotificationSettings.userId, user.id), eq(channelNotificationSettings.channelId, place.channelId)),
    )
    .where(inArray(user.id, userIds));
  const now = Date.now();
  for (const r of rows) {
    if (r.deletedAt) continue;
    // As the person's own settings read: the presenters (a mute that ended reads as none).
    const prefs = presentNotificationPrefs(r.prefs ?? undefined);
    const server = r.server && presentServerNotificationSettings(r.server, now);
    const channel = r.channel && presentChannelNotificationSettings(r.channel, now);
    result.set(r.userId, { settings: { prefs, server, channel }, dnd: r.status === "dnd" });
  }
  return result;
}

/** The rule applied to each viewer who is neither the author nor one of their blockers. */
async function decide(db: Db, place: Place, authorId: string, viewers: string[], factsOf: (userId: string) => NotifyFacts): Promise<Recipient[]> {
  const others = [...new Set(viewers)].filter((id) => id !== authorId);
  const blockers = await blockersOf(db, authorId, others);
  const eligible = others.filter((id) => !blockers.has(id));
  const loaded = await settingsOf(db, place, eligible);
  const recipients: Recipient[] = [];
  const now = Date.now();
  for (const userId of eligible) {
    const l = loaded.get(userId);
    if (!l) continue;
    const kind = notificationKind(factsOf(userId), l.settings, now);
    if (kind) recipients.push({ userId, kind, hidePreviews: l.settings.prefs.hidePreviews, dnd: l.dnd });
  }
  return recipients;
}

/** Who a new message notifies. */
export async function messageRecipients(db: Db, presence: PresenceStore, place: Place, message: Message): Promise<Recipient[]> {
  const authorId = message.author.id;
  const replyAuthor = message.replyTo && !message.replyTo.deleted ? (message.replyTo.author?.id ?? null) : null;
  const { mentions } = message;
  if (place.serverId === null) {
    const people = await participantsOf(db, place.channelId);
    return decide(db, place, authorId, people, (id) => ({
      dm: true,
      mentionsMe: mentions.users.includes(id),
      mentionsMyRole: false,
      mentionsEveryone: false,
      repliesToMe: id === replyAuthor,
    }));
  }
  const serverId = place.serverId;
  const channelId = place.channelId.toString();
  const holders = await holdersOf(db, serverId, mentions.roles);
  // The server records @everyone and @here alike; the text tells them apart.
  const hereOnly = mentions.everyone && !splitMentions(message.content).some((s) => s.type === "everyone");
  let visibility;
  if (mentions.everyone) {
    visibility = await serverVisibility(db, serverId);
  } else {
    const candidates = new Set([...mentions.users, ...holders, ...place.allLevel]);
    if (replyAuthor) candidates.add(replyAuthor);
    candidates.delete(authorId);
    visibility = await serverVisibility(db, serverId, [...candidates]);
  }
  const viewers = viewersOf(visibility, channelId);
  // @here reaches those online now: their statuses in one read.
  const statuses = hereOnly ? await presence.statusOfMany(viewers) : null;
  return decide(db, place, authorId, viewers, (id) => ({
    dm: false,
    mentionsMe: mentions.users.includes(id),
    mentionsMyRole: holders.has(id),
    mentionsEveryone: mentions.everyone && (!statuses || (statuses.get(id) ?? "offline") !== "offline"),
    repliesToMe: id === replyAuthor,
  }));
}

/** Who missed a call: rung, never in it, still in the conversation. */
export async function missedCallRecipients(db: Db, place: Place, callerId: string, missed: string[]): Promise<Recipient[]> {
  const people = new Set(await participantsOf(db, place.channelId));
  return decide(db, place, callerId, missed.filter((id) => people.has(id)), () => ({
    dm: true,
    mentionsMe: false,
    mentionsMyRole: false,
    mentionsEveryone: false,
    repliesToMe: false,
    missedCall: true,
  }));
}
