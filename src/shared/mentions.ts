/**
 * Mention syntax, read the same way on both sides: the server records the mentions it
 * finds with `mentionedIds`, the browser draws the very same tokens as pills with
 * `splitMentions`, so a pill is never drawn for text the server did not take as one.
 *
 * On the wire: `<@userId>` (auth ids: letters, digits, `_`, `-`), `<@&roleId>` (numeric),
 * `@everyone` and `@here` when not glued to a word or a backtick (`me@here.org` and
 * `` `@here` `` stay text). `<@everyone>` and `<@here>` are the ping inside brackets: no
 * account has such an id, while the ping is what the server has always acted on.
 *
 * Channel mentions `<#channelId>` (numeric) are drawn as links by the browser but never
 * recorded or notified by the server: they come out only when asked for (`channels: true`),
 * so `splitMentions(text)` and `mentionedIds` read exactly what they always did.
 */

export type MentionSegment =
  | { type: "text"; text: string }
  | { type: "user"; id: string }
  | { type: "role"; id: string }
  | { type: "everyone" }
  | { type: "here" };

/** A mention or a channel mention, as the markdown renderer reads them. */
export type AnyMentionSegment = MentionSegment | { type: "channel"; id: string };

export interface SplitOptions {
  /** Also read `<#channelId>`; off for everything the server records. */
  channels?: boolean;
}

/** The ids a text mentions, each once, in order of first appearance. */
export interface MentionedIds {
  users: string[];
  roles: string[];
  /** `@everyone` or `@here`. */
  everyone: boolean;
}

// One pattern for all: groups 1 role, 2 user, 3 everyone/here, 4 channel.
const tokenSource = String.raw`<@&(\d{1,20})>|<@(?!(?:everyone|here)\b)([A-Za-z0-9_-]{1,64})>|(?<![\w\`])@(everyone|here)\b`;
const channelSource = String.raw`|<#(\d{1,20})>`;
const tokenPattern = new RegExp(tokenSource, "g");
const tokenOrChannelPattern = new RegExp(tokenSource + channelSource, "g");
const tokenAt = new RegExp(tokenSource, "y");
const tokenOrChannelAt = new RegExp(tokenSource + channelSource, "y");

function segmentOf(match: RegExpExecArray | RegExpMatchArray): Exclude<AnyMentionSegment, { type: "text" }> {
  if (match[1]) return { type: "role", id: match[1] };
  if (match[2]) return { type: "user", id: match[2] };
  if (match[4]) return { type: "channel", id: match[4] };
  return { type: match[3] === "here" ? "here" : "everyone" };
}

/** Splits text into plain runs and mentions. */
export function splitMentions(text: string): MentionSegment[];
export function splitMentions(text: string, options: SplitOptions): AnyMentionSegment[];
export function splitMentions(text: string, options: SplitOptions = {}): AnyMentionSegment[] {
  const segments: AnyMentionSegment[] = [];
  let last = 0;
  for (const match of text.matchAll(options.channels ? tokenOrChannelPattern : tokenPattern)) {
    const start = match.index;
    if (start > last) segments.push({ type: "text", text: text.slice(last, start) });
    segments.push(segmentOf(match));
    last = start + match[0].length;
  }
  if (last < text.length) segments.push({ type: "text", text: text.slice(last) });
  return segments;
}

/**
 * The mention that starts exactly at `at`, read with the same pattern as `splitMentions`
 * (the characters before `at` still count: `x@here` is no ping), and where it ends.
 */
export function mentionAt(
  text: string,
  at: number,
  options: SplitOptions = {},
): { segment: Exclude<AnyMentionSegment, { type: "text" }>; end: number } | null {
  const pattern = options.channels ? tokenOrChannelAt : tokenAt;
  pattern.lastIndex = at;
  const match = pattern.exec(text);
  return match ? { segment: segmentOf(match), end: at + match[0].length } : null;
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
