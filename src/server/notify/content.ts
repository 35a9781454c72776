/**
 * What a notification says: who and where in the title, a short preview of the words in
 * the body (mention tokens read as names, as the app draws them), and the app's path to
 * the message. Built once per message; each person's copy differs only in its id and in
 * the body, which is dropped for those who hide previews.
 */
import { inArray, sql } from "drizzle-orm";
import type { Message } from "@/shared/api";
import type { NotificationInfo, NotificationKind } from "@/shared/api/notifications";
import { splitMentions } from "@/shared/mentions";
import { Permission } from "@/shared/permissions";
import { messagePath, notificationTag } from "@/shared/notifications";
import type { Db, Tx } from "../db/client";
import { roles, user } from "../db/schema";
import { notificationTitle, shortenPreview } from "../presenters/notifications";
import type { Place } from "./recipients";

/** The same for every person notified of one message. */
export type NotificationTemplate = Omit<NotificationInfo, "id" | "kind" | "createdAt">;

/** "Ann" in a conversation, "Ann (#general, Giga Club)" in a server; "Missed call from Ann". */
export function placeTitle(authorName: string, place: Place, kind: NotificationKind = "message"): string {
  return notificationTitle(kind, authorName, `#${place.channelName}`, place.serverId === null ? null : (place.serverName ?? ""));
}

type Previewed = Pick<Message, "content" | "attachments" | "channelId">;

/**
 * The words with `<@id>`, `<@&id>` and `<#id>` read as @name, @role and #channel;
 * "Sent an attachment" for files alone.
 */
export async function previewOf(db: Tx | Db, message: Previewed): Promise<string> {
  return (await previewsOf(db, [message]))[0]!;
}

/** The previews of several messages, with the names they mention looked up in three queries in all. */
export async function previewsOf(db: Tx | Db, list: Previewed[]): Promise<string[]> {
  const segmented = list.map((m) => splitMentions(m.content, { channels: true }));
  const idsOf = (type: "user" | "role" | "channel") => [...new Set(segmented.flat().flatMap((s) => (s.type === type ? [s.id] : [])))];
  const [userIds, roleIds, channelIds] = [idsOf("user"), idsOf("role"), idsOf("channel")];
  const [userRows, roleRows, channelNames] = [
    userIds.length ? await db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, userIds.slice(0, 500))) : [],
    roleIds.length ? await db.select({ id: roles.id, name: roles.name }).from(roles).where(inArray(roles.id, roleIds.slice(0, 200).map(BigInt))) : [],
    channelIds.length ? await mentionedChannelNames(db, list, channelIds.slice(0, 200)) : new Map<string, string>(),
  ];
  const userNames = new Map(userRows.map((r) => [r.id, r.name]));
  const roleNames = new Map(roleRows.map((r) => [r.id.toString(), r.name]));
  return list.map((message, i) => {
    if (!message.content.trim()) return message.attachments.length > 0 ? "Sent an attachment" : "";
    const text = segmented[i]!
      .map((s) => {
        switch (s.type) {
          case "text":
            return s.text;
          case "user":
            return `@${userNames.get(s.id) ?? "unknown-user"}`;
          case "role":
            return `@${roleNames.get(s.id) ?? "deleted-role"}`;
          case "everyone":
            return "@everyone";
          case "here":
            return "@here";
          case "channel":
            return `#${channelNames.get(`${message.channelId}:${s.id}`) ?? "unknown"}`;
        }
      })
      .join("");
    return shortenPreview(text);
  });
}

/**
 * Names for `<#id>` keyed "messageChannelId:mentionedId": only a channel of the message's
 * own server that everyone there may view. One preview goes to every person notified, so
 * a private channel's name (or another server's) never rides along; it reads #unknown.
 */
async function mentionedChannelNames(db: Tx | Db, list: Previewed[], ids: string[]): Promise<Map<string, string>> {
  const places = [...new Set(list.map((m) => m.channelId))];
  const result = await db.execute(sql`
    select p.id as place, c.id, c.name
    from channels p
    join channels c on c.server_id = p.server_id
    where p.id in (${sql.join(places.map((id) => sql`${BigInt(id)}`), sql`, `)})
      and c.id in (${sql.join(ids.map((id) => sql`${BigInt(id)}`), sql`, `)})
      and c.type in ('text', 'audio', 'video', 'category')
      and not exists (
        select 1 from channel_overwrites o
        where o.channel_id in (c.id, coalesce(c.parent_id, c.id)) and o.role_id = c.server_id
          and (o.deny & ${Permission.ViewChannel}::bigint) <> 0
      )`);
  const rows = (result as unknown as { rows: { place: string | bigint; id: string | bigint; name: string }[] }).rows;
  return new Map(rows.map((r) => [`${r.place}:${r.id}`, r.name]));
}

export function template(place: Place, messageId: string, title: string, body: string, icon: string | null): NotificationTemplate {
  return {
    channelId: place.channelId.toString(),
    serverId: place.serverId?.toString() ?? null,
    messageId,
    title,
    body,
    icon,
    url: messagePath(place.serverId?.toString() ?? null, place.channelId.toString(), messageId),
    tag: notificationTag(messageId),
  };
}

export function personalise(t: NotificationTemplate, id: string, kind: NotificationKind, hidePreviews: boolean, createdAt: Date): NotificationInfo {
  return { ...t, id, kind, body: hidePreviews ? null : t.body, createdAt: createdAt.toISOString() };
}
