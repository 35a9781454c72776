import { describe, expect, it } from "vitest";
import type { Member, Role } from "@/shared/api";
import * as shared from "@/shared/mentions";
import {
  activeMentionQuery,
  decodeMentions,
  encodeMentions,
  mentionCandidates,
  mentionShown,
  mentionToken,
  suggestionsFor,
  mentionsAsText,
  mentionsMe,
  splitMentions,
} from "./mentions";

const member = (id: string, name: string, nickname: string | null = null): Member => ({
  serverId: "1",
  user: { id, name, image: null },
  nickname,
  roleIds: [],
  joinedAt: "",
  timeoutUntil: null,
});
const role = (id: string, name: string, position = 1): Role => ({ id, serverId: "1", name, color: 0, position, permissions: "0", hoist: false, mentionable: false });

describe("mentions", () => {
  it("splits tokens out of text", () => {
    expect(splitMentions("hi <@Ab-1_z> and <@&34>, @everyone!")).toEqual([
      { type: "text", text: "hi " },
      { type: "user", id: "Ab-1_z" },
      { type: "text", text: " and " },
      { type: "role", id: "34" },
      { type: "text", text: ", " },
      { type: "everyone" },
      { type: "text", text: "!" },
    ]);
  });

  it("leaves an address with @here in it alone, as the server does", () => {
    expect(splitMentions("mail x@here.org")).toEqual([{ type: "text", text: "mail x@here.org" }]);
  });

  it("draws with the tokenizer the server records with, and highlights with the shared rule", () => {
    expect(splitMentions).toBe(shared.splitMentions);
    expect(mentionsMe).toBe(shared.mentionsMe);
  });

  it("knows when a message concerns me", () => {
    const none = { users: [], roles: [], everyone: false };
    expect(mentionsMe({ mentions: { ...none, users: ["7"] } }, "7", [])).toBe(true);
    expect(mentionsMe({ mentions: { ...none, roles: ["9"] } }, "7", ["9"])).toBe(true);
    expect(mentionsMe({ mentions: { ...none, everyone: true } }, "7", [])).toBe(true);
    expect(mentionsMe({ mentions: { ...none, users: ["8"] } }, "7", [])).toBe(false);
  });

  it("finds the @word before the caret, not inside an email address", () => {
    expect(activeMentionQuery("hello @Al", 9)).toEqual({ start: 6, query: "Al", trigger: "@" });
    expect(activeMentionQuery("@", 1)).toEqual({ start: 0, query: "", trigger: "@" });
    expect(activeMentionQuery("see #gen", 8)).toEqual({ start: 4, query: "gen", trigger: "#" });
    expect(activeMentionQuery("issue#12", 8)).toBeNull();
    expect(activeMentionQuery("# heading", 9)).toBeNull();
    expect(activeMentionQuery("mail me@x", 9)).toBeNull();
    expect(activeMentionQuery("@Al done", 8)).toBeNull();
  });

  it("offers the server's channels after #, and sends them as <#id>", () => {
    const channels = [
      { id: "10", name: "general", type: "text" },
      { id: "11", name: "gaming", type: "voice" },
      { id: "12", name: "Text Channels", type: "category" },
      { id: "13", name: "off-topic", type: "text" },
    ];
    const sources = { members: [member("1", "Gail")], roles: [], serverId: "1", mayMentionEveryone: false, channels };
    const choices = suggestionsFor({ query: "g", trigger: "#" }, sources);
    expect(choices.map((c) => `${c.kind}:${c.label}`)).toEqual(["channel:gaming", "channel:general"]);
    expect(suggestionsFor({ query: "t", trigger: "#" }, sources).map((c) => c.label)).toEqual(["off-topic"]);
    expect(suggestionsFor({ query: "g", trigger: "@" }, sources).map((c) => c.label)).toEqual(["Gail"]);
    const general = choices[1]!;
    expect(mentionShown(general)).toBe("#general");
    expect(encodeMentions("see #general", [{ text: mentionShown(general), token: mentionToken(general) }])).toBe("see <#10>");
  });

  it("offers members first, and roles and everyone only with Mention Everyone", () => {
    const sources = { members: [member("1", "Alice"), member("2", "Bob", "Alfie")], roles: [role("1", "@everyone", 0), role("5", "Admins")], serverId: "1" };
    expect(mentionCandidates("al", { ...sources, mayMentionEveryone: false }).map((c) => c.label)).toEqual(["Alfie", "Alice"]);
    const all = mentionCandidates("", { ...sources, mayMentionEveryone: true }).map((c) => `${c.kind}:${c.label}`);
    expect(all).toContain("role:Admins");
    expect(all).toContain("everyone:everyone");
    expect(all).not.toContain("role:@everyone");
  });

  it("offers a mentionable role to everyone, the others only with Mention Everyone", () => {
    const crew = { ...role("6", "Crew"), mentionable: true };
    const sources = { members: [], roles: [role("1", "@everyone", 0), role("5", "Cooks"), crew], serverId: "1", mayMentionEveryone: false };
    expect(mentionCandidates("c", sources).map((c) => `${c.kind}:${c.label}`)).toEqual(["role:Crew"]);
    expect(mentionCandidates("c", { ...sources, mayMentionEveryone: true }).map((c) => c.label)).toEqual(["Cooks", "Crew"]);
  });

  it("turns picked names into tokens and back", () => {
    const picked = [
      { text: "@Al", token: "<@1>" },
      { text: "@Al Bo", token: "<@2>" },
    ];
    expect(encodeMentions("@Al Bo and @Al", picked)).toBe("<@2> and <@1>");
    const names = { user: (id: string) => ({ "1": "Al", "2": "Al Bo" })[id], role: () => undefined };
    const decoded = decodeMentions("<@2> and <@1> <@&5>", names);
    expect(decoded.text).toBe("@Al Bo and @Al <@&5>");
    expect(encodeMentions(decoded.text, decoded.picked)).toBe("<@2> and <@1> <@&5>");
  });

  it("decodes channel mentions to #name for editing, and back", () => {
    const names = { user: () => undefined, role: () => undefined, channel: (id: string) => (id === "10" ? "general" : undefined) };
    const decoded = decodeMentions("see <#10> not <#11>", names);
    expect(decoded.text).toBe("see #general not <#11>");
    expect(encodeMentions(decoded.text, decoded.picked)).toBe("see <#10> not <#11>");
  });

  it("writes names as text with markdown characters escaped", () => {
    const names = { user: () => "*Star*", role: () => undefined };
    expect(mentionsAsText("hi <@1> <@&2>", names)).toBe("hi @\\*Star\\* @deleted\\-role");
    expect(mentionsAsText("hi <@1>", names, { markdown: false })).toBe("hi @*Star*");
  });
});
