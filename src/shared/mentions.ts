/**
 * Mention syntax, read the same way on both sides: the server records the mentions it
 * finds with `mentionedIds`, the browser draws the very same tokens as pills with
 * `splitMentions`, so a pill is never drawn for text the server did not take as one.
 *
 * On the wire: `<@userId>` (auth ids: letters, digits, `_`, `-`), `<@&roleId>` (numeric),
 * `@everyone` and `@here` when not glued to a word or a backtick (`me@here.org` and
 * `` `@here` `` stay text). `<@everyone>` and `<@here>` are the ping inside brackets: no
 * account has such an id, while the ping is what the server has always acted on.
 */

export type MentionSegment =
  | { type: "text"; text: string }
  | { type: "user"; id: string }
  | { type: "role"; id: string }
  | { type: "everyone" }
  | { type: "here" };

/** The ids a text mentions, each once, in order of first appearance. */
export interface MentionedIds {
  users: string[];
  roles: string[];
  /** `@everyone` or `@here`. */
  everyone: boolean;
}

const tokenPattern = /<@&(\d{1,20})>|<@(?!(?:everyone|here)\b)([A-Za-z0-9_-]{1,64})>|(?<![\w`])@(everyone|here)\b/g;

/** Splits text into plain runs and mentions. */
export function splitMentions(text: string): MentionSegment[] {
  const segments: MentionSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(tokenPattern)) {
    const start = match.index;
    if (start > last) segments.push({ type: "text", text: text.slice(last, start) });
    if (match[1]) segments.push({ type: "role", id: match[1] });
    else if (match[2]) segments.push({ type: "user", id: match[2] });
    else segments.push({ type: match[3] === "here" ? "here" : "everyone" });
    last = start + match[0].length;
  }
  if (last < text.length) segments.push({ type: "text", text: text.slice(last) });
  return segments;
}

/** What `splitMentions` finds, as ids: before the server checks who is a member and who may ping. */
export function mentionedIds(text: string): MentionedIds {
  const users = new Set<string>();
  const roles = new Set<string>();
  let everyone = false;
  for (const segment of splitMentions(text)) {
    if (segment.type === "user") users.add(segment.id);
    else if (segment.type === "role") roles.add(segment.id);
    else if (segment.type !== "text") everyone = true;
  }
  return { users: [...users], roles: [...roles], everyone };
}

/** Discord's yellow highlight (and, later, who gets a notification): I am named, one of my roles is, or everyone is. */
export function mentionsMe(
  message: { mentions: MentionedIds | null | undefined },
  myId: string | undefined,
  myRoleIds: readonly string[],
): boolean {
  const { mentions } = message;
  if (!mentions || !myId) return false;
  return mentions.everyone || mentions.users.includes(myId) || mentions.roles.some((id) => myRoleIds.includes(id));
}
