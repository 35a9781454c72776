/**
 * Mentions in message text. On the wire a mention is `<@userId>`, `<@&roleId>`,
 * `@everyone` or `@here`; in the composer people see `@Name`, and the names they picked
 * from the autocomplete are turned into tokens when the message is sent.
 */
import type { Member, Role } from "@/shared/api";
import { splitMentions } from "@/shared/mentions";

/** One tokenizer with the server: a pill is drawn exactly where the server records a mention. */
export { mentionsMe, splitMentions, type MentionSegment } from "@/shared/mentions";

/** The `@word` (people, roles) or `#word` (channels) being typed right before the caret, if any. */
export function activeMentionQuery(text: string, caret: number): { start: number; query: string; trigger: "@" | "#" } | null {
  const match = /(^|\s)([@#])([^\s@#<>]{0,32})$/.exec(text.slice(0, caret));
  if (!match) return null;
  return { start: caret - match[3]!.length - 1, query: match[3]!, trigger: match[2] === "#" ? "#" : "@" };
}

export interface MentionChoice {
  kind: "user" | "role" | "everyone" | "here" | "channel";
  id: string;
  /** What the composer shows, without the @. */
  label: string;
  detail?: string;
  color?: number;
}

/** Wire form of a choice. */
export function mentionToken(choice: MentionChoice): string {
  if (choice.kind === "user") return `<@${choice.id}>`;
  if (choice.kind === "role") return `<@&${choice.id}>`;
  if (choice.kind === "channel") return `<#${choice.id}>`;
  return `@${choice.kind}`;
}

/** What the composer shows for a picked choice until it is sent: `@Name`, `@Role`, `#channel`, `@here`. */
export function mentionShown(choice: MentionChoice): string {
  if (choice.kind === "user" || choice.kind === "role") return `@${choice.label}`;
  if (choice.kind === "channel") return `#${choice.label}`;
  return mentionToken(choice);
}

export interface CandidateSources {
  members: Member[];
  roles: Role[];
  /** Mention Everyone: roles, @everyone and @here may be pinged. */
  mayMentionEveryone: boolean;
  serverId: string;
  /** What `#` offers; none in a direct conversation. */
  channels?: ReadonlyArray<{ id: string; name: string; type: string }>;
}

const rank = (name: string, query: string) => {
  const lower = name.toLowerCase();
  if (lower.startsWith(query)) return 0;
  if (lower.split(/\s+/).some((word) => word.startsWith(query))) return 1;
  return lower.includes(query) ? 2 : -1;
};

/** Members by name first, then roles and the everyone pings when allowed; at most `max`. */
export function mentionCandidates(query: string, sources: CandidateSources, max = 8): MentionChoice[] {
  const q = query.toLowerCase();
  const scored: Array<{ choice: MentionChoice; score: number }> = [];
  for (const member of sources.members) {
    const label = member.nickname ?? member.user.name;
    const score = Math.min(...[rank(label, q), rank(member.user.name, q)].filter((r) => r >= 0), 9);
    if (score < 9) scored.push({ choice: { kind: "user", id: member.user.id, label, detail: member.user.name }, score });
  }
  // A mentionable role is offered to everyone; the others need Mention Everyone.
  for (const role of sources.roles) {
    if (role.id === sources.serverId || !(sources.mayMentionEveryone || role.mentionable)) continue;
    const score = rank(role.name, q);
    if (score >= 0) scored.push({ choice: { kind: "role", id: role.id, label: role.name, color: role.color }, score: score + 0.5 });
  }
  if (sources.mayMentionEveryone) {
    for (const kind of ["everyone", "here"] as const) {
      const detail = kind === "everyone" ? "Notify everyone who can see this channel." : "Notify everyone online.";
      if (kind.startsWith(q)) scored.push({ choice: { kind, id: kind, label: kind, detail }, score: 3 });
    }
  }
  return scored
    .sort((a, b) => a.score - b.score || a.choice.label.localeCompare(b.choice.label))
    .slice(0, max)
    .map((s) => s.choice);
}

/** The server's channels matching `#query` (categories left out); at most `max`. */
export function channelCandidates(query: string, sources: CandidateSources, max = 8): MentionChoice[] {
  const q = query.toLowerCase();
  return (sources.channels ?? [])
    .filter((channel) => channel.type !== "category")
    .map((channel) => ({ channel, score: rank(channel.name, q) }))
    .filter(({ score }) => score >= 0)
    .sort((a, b) => a.score - b.score || a.channel.name.localeCompare(b.channel.name))
    .slice(0, max)
    .map(({ channel }) => ({ kind: "channel" as const, id: channel.id, label: channel.name }));
}

/** What the autocomplete offers for the word being typed: channels after `#`, people and roles after `@`. */
export function suggestionsFor(active: { query: string; trigger: "@" | "#" }, sources: CandidateSources): MentionChoice[] {
  return active.trigger === "#" ? channelCandidates(active.query, sources) : mentionCandidates(active.query, sources);
}

export interface PickedMention {
  /** As shown in the composer, with the @. */
  text: string;
  token: string;
}

/** Replaces the `@Name`s picked from the autocomplete by their tokens; longest first so "@Al Bo" wins over "@Al". */
export function encodeMentions(text: string, picked: readonly PickedMention[]): string {
  const ordered = [...new Map(picked.map((p) => [p.text, p])).values()].sort((a, b) => b.text.length - a.text.length);
  let out = text;
  for (const { text: shown, token } of ordered) {
    if (shown === token) continue;
    out = out.split(shown).join(token);
  }
  return out;
}

/** The reverse, for editing a sent message: tokens back to names people can read (`#channel` too when known). */
export function decodeMentions(
  content: string,
  names: {
    user: (id: string) => string | undefined;
    role: (id: string) => string | undefined;
    channel?: (id: string) => string | undefined;
  },
): { text: string; picked: PickedMention[] } {
  const picked: PickedMention[] = [];
  const text = splitMentions(content, { channels: true })
    .map((segment) => {
      if (segment.type === "text") return segment.text;
      if (segment.type === "everyone" || segment.type === "here") return `@${segment.type}`;
      const choice: MentionChoice = { kind: segment.type, id: segment.id, label: "" };
      const token = mentionToken(choice);
      const name = segment.type === "user" ? names.user(segment.id) : segment.type === "role" ? names.role(segment.id) : names.channel?.(segment.id);
      if (!name) return token;
      const shown = mentionShown({ ...choice, label: name });
      picked.push({ text: shown, token });
      return shown;
    })
    .join("");
  return { text, picked };
}

/**
 * Mentions as readable `@Name` text, with markdown punctuation in names escaped, for
 * renderers that draw text but not mention pills.
 */
export function mentionsAsText(
  content: string,
  names: { user: (id: string) => string | undefined; role: (id: string) => string | undefined },
  { markdown = true }: { markdown?: boolean } = {},
): string {
  const escape = (name: string) => (markdown ? name.replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`) : name);
  return splitMentions(content)
    .map((segment) => {
      if (segment.type === "text") return segment.text;
      if (segment.type === "everyone" || segment.type === "here") return `@${segment.type}`;
      const user = segment.type === "user";
      const name = user ? names.user(segment.id) : names.role(segment.id);
      return `@${escape(name ?? (user ? "Unknown User" : "deleted-role"))}`;
    })
    .join("");
}
