import { describe, expect, it } from "vitest";
import { mentionAt, mentionedIds, mentionsMe, splitMentions, type MentionedIds, type MentionSegment } from "./mentions";

const text = (t: string): MentionSegment => ({ type: "text", text: t });
const user = (id: string): MentionSegment => ({ type: "user", id });
const role = (id: string): MentionSegment => ({ type: "role", id });
const everyone: MentionSegment = { type: "everyone" };
const here: MentionSegment = { type: "here" };

/** Input, what the browser draws, what the server records (before checking members and permissions). */
const table: Array<[string, MentionSegment[], MentionedIds]> = [
  ["", [], { users: [], roles: [], everyone: false }],
  [
    "hi <@Ab-1_z> and <@&34>, @everyone!",
    [text("hi "), user("Ab-1_z"), text(" and "), role("34"), text(", "), everyone, text("!")],
    { users: ["Ab-1_z"], roles: ["34"], everyone: true },
  ],
  ["<@a><@a> <@&1><@&1>", [user("a"), user("a"), text(" "), role("1"), role("1")], { users: ["a"], roles: ["1"], everyone: false }],
  ["@here", [here], { users: [], roles: [], everyone: true }],
  // Glued to a word or a backtick: an address, a code span's edge.
  ["mail x@here.org or me@everyone.example", [text("mail x@here.org or me@everyone.example")], { users: [], roles: [], everyone: false }],
  ["`@here` `code@here`", [text("`@here` `code@here`")], { users: [], roles: [], everyone: false }],
  ["@everyone@here", [everyone, text("@here")], { users: [], roles: [], everyone: true }],
  ["@everyones @here_x", [text("@everyones @here_x")], { users: [], roles: [], everyone: false }],
  ["@here-ish", [here, text("-ish")], { users: [], roles: [], everyone: true }],
  // Inside a code span a token still counts (the server never parsed markdown); a space before the ping frees it.
  ["`<@abc>` ` @here`", [text("`"), user("abc"), text("` ` "), here, text("`")], { users: ["abc"], roles: [], everyone: true }],
  // A markdown escape is not a mention escape: the server records it, so it is drawn.
  ["\\@everyone \\<@abc>", [text("\\"), everyone, text(" \\"), user("abc")], { users: ["abc"], roles: [], everyone: true }],
  // The ping in brackets: no account has the id "everyone", the server acts on the ping.
  ["<@everyone> <@here>", [text("<"), everyone, text("> <"), here, text(">")], { users: [], roles: [], everyone: true }],
  ["<@everyone_1> <@here2>", [user("everyone_1"), text(" "), user("here2")], { users: ["everyone_1", "here2"], roles: [], everyone: false }],
  ["<@ bad> <@> <@a b> <@&notanumber> <@&-1> <@a.b>", [text("<@ bad> <@> <@a b> <@&notanumber> <@&-1> <@a.b>")], { users: [], roles: [], everyone: false }],
  ["<@<@abc>> <@&<@&7>>", [text("<@"), user("abc"), text("> <@&"), role("7"), text(">")], { users: ["abc"], roles: ["7"], everyone: false }],
  [`<@&${"9".repeat(20)}> <@&${"9".repeat(21)}>`, [role("9".repeat(20)), text(` <@&${"9".repeat(21)}>`)], { users: [], roles: ["9".repeat(20)], everyone: false }],
  [`<@${"u".repeat(64)}><@${"u".repeat(65)}>`, [user("u".repeat(64)), text(`<@${"u".repeat(65)}>`)], { users: ["u".repeat(64)], roles: [], everyone: false }],
  ["line\n@here\t<@x>", [text("line\n"), here, text("\t"), user("x")], { users: ["x"], roles: [], everyone: true }],
  ["é@here", [text("é"), here], { users: [], roles: [], everyone: true }],
];

/** The server's parser before the tokenizer was shared: three patterns, each over the whole text. */
function previousServerParse(content: string) {
  const users = new Set<string>();
  const roles = new Set<string>();
  for (const m of content.matchAll(/<@([A-Za-z0-9_-]{1,64})>/g)) users.add(m[1]!);
  for (const m of content.matchAll(/<@&(\d{1,20})>/g)) roles.add(m[1]!);
  return { users: [...users], roles: [...roles], everyone: /(^|[^\w`])@(everyone|here)\b/.test(content) };
}

/** Small random texts made of the pieces mentions are built from. */
function randomText(random: () => number): string {
  const pieces = ["<@", "<@&", ">", "@", "&", "`", "\\", " ", "\n", "a", "Z", "1", "_", "-", ".", "é", "everyone", "here", "<", "@here", "@everyone", "<@here", "<@everyone"];
  let out = "";
  const length = Math.floor(random() * 12);
  for (let i = 0; i < length; i++) out += pieces[Math.floor(random() * pieces.length)];
  return out;
}

/** Deterministic, so a failure names an input that fails again. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const idsOf = (segments: MentionSegment[]) => ({
  users: [...new Set(segments.flatMap((s) => (s.type === "user" ? [s.id] : [])))],
  roles: [...new Set(segments.flatMap((s) => (s.type === "role" ? [s.id] : [])))],
  everyone: segments.some((s) => s.type === "everyone" || s.type === "here"),
});

describe("mention syntax", () => {
  it.each(table)("%j: drawn and recorded alike", (input, drawn, recorded) => {
    expect(splitMentions(input)).toEqual(drawn);
    expect(mentionedIds(input)).toEqual(recorded);
    expect(idsOf(splitMentions(input))).toEqual(mentionedIds(input));
  });

  it("gives back the text it was given", () => {
    const random = seeded(7);
    for (let i = 0; i < 2000; i++) {
      const input = randomText(random);
      const rebuilt = splitMentions(input)
        .map((s) => (s.type === "text" ? s.text : s.type === "user" ? `<@${s.id}>` : s.type === "role" ? `<@&${s.id}>` : `@${s.type}`))
        .join("");
      expect(rebuilt, JSON.stringify(input)).toBe(input);
      expect(splitMentions(input).some((s, j, all) => s.type === "text" && all[j + 1]?.type === "text"), JSON.stringify(input)).toBe(false);
    }
  });

  it("records what the server's previous parser did, but for the ping in brackets", () => {
    const random = seeded(42);
    let inBrackets = 0;
    for (let i = 0; i < 5000; i++) {
      const input = randomText(random);
      const before = previousServerParse(input);
      // `<@everyone>`, `<@here>`, `<@here-x>` were a user id no account has, and the ping.
      const expected = { ...before, users: before.users.filter((id) => !/^(everyone|here)\b/.test(id)) };
      if (expected.users.length < before.users.length) inBrackets++;
      expect(mentionedIds(input), JSON.stringify(input)).toEqual(expected);
    }
    expect(inBrackets).toBeGreaterThan(10);
  });
});

describe("channel mentions", () => {
  it("are read only when asked for, so what the server records stays the same", () => {
    const input = "see <#123> and <@u> in <#9>";
    expect(splitMentions(input)).toEqual([text("see <#123> and "), user("u"), text(" in <#9>")]);
    expect(mentionedIds(input)).toEqual({ users: ["u"], roles: [], everyone: false });
    expect(splitMentions(input, { channels: true })).toEqual([
      text("see "),
      { type: "channel", id: "123" },
      text(" and "),
      user("u"),
      text(" in "),
      { type: "channel", id: "9" },
    ]);
  });

  it("take numeric ids only", () => {
    const odd = "<#abc> <#> <# 1> <#-1> <#" + "1".repeat(21) + ">";
    expect(splitMentions(odd, { channels: true })).toEqual([text(odd)]);
  });
});

describe("mentionAt", () => {
  it("reads the token starting exactly there, with the same pattern", () => {
    expect(mentionAt("hi <@abc>!", 3)).toEqual({ segment: user("abc"), end: 9 });
    expect(mentionAt("hi <@abc>!", 2)).toBeNull();
    expect(mentionAt("<#42>", 0)).toBeNull();
    expect(mentionAt("<#42>", 0, { channels: true })).toEqual({ segment: { type: "channel", id: "42" }, end: 5 });
    expect(mentionAt("a @here", 2)).toEqual({ segment: here, end: 7 });
    // The characters before still count: glued to a word, no ping.
    expect(mentionAt("x@here", 1)).toBeNull();
  });

  it("finds what splitMentions finds, at the same places", () => {
    const random = seeded(3);
    for (let i = 0; i < 1000; i++) {
      const input = randomText(random) + "<#7>";
      const found: string[] = [];
      for (let at = 0; at < input.length; ) {
        const hit = mentionAt(input, at, { channels: true });
        if (hit) {
          found.push(`${at}:${JSON.stringify(hit.segment)}`);
          at = hit.end;
        } else at++;
      }
      const expected: string[] = [];
      let offset = 0;
      for (const segment of splitMentions(input, { channels: true })) {
        if (segment.type !== "text") expected.push(`${offset}:${JSON.stringify(segment)}`);
        offset += segment.type === "text" ? segment.text.length : segment.type === "user" ? segment.id.length + 3 : segment.type === "role" || segment.type === "channel" ? segment.id.length + (segment.type === "role" ? 4 : 3) : segment.type.length + 1;
      }
      expect(found, JSON.stringify(input)).toEqual(expected);
    }
  });
});

describe("mentionsMe", () => {
  const none: MentionedIds = { users: [], roles: [], everyone: false };
  it.each<[string, MentionedIds, string | undefined, string[], boolean]>([
    ["named", { ...none, users: ["7"] }, "7", [], true],
    ["someone else named", { ...none, users: ["8"] }, "7", [], false],
    ["one of my roles", { ...none, roles: ["9"] }, "7", ["9"], true],
    ["a role I do not hold", { ...none, roles: ["9"] }, "7", ["10"], false],
    ["everyone", { ...none, everyone: true }, "7", [], true],
    ["signed out", { ...none, everyone: true }, undefined, [], false],
    ["nothing", none, "7", ["9"], false],
  ])("%s", (_name, mentions, myId, myRoleIds, expected) => {
    expect(mentionsMe({ mentions }, myId, myRoleIds)).toBe(expected);
  });
  it("is false for a message with no mentions yet (one still being sent)", () => {
    expect(mentionsMe({ mentions: undefined }, "7", [])).toBe(false);
  });
  it("agrees with what the text says, once the server has kept the ids", () => {
    expect(mentionsMe({ mentions: mentionedIds("hey <@7>") }, "7", [])).toBe(true);
    expect(mentionsMe({ mentions: mentionedIds("hey <@&9>") }, "7", ["9"])).toBe(true);
    expect(mentionsMe({ mentions: mentionedIds("hey `@here`") }, "7", [])).toBe(false);
  });
});
