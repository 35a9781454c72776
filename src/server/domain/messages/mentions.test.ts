import { describe, expect, it } from "vitest";
import { splitMentions } from "@/shared/mentions";
import { parseMentions } from "./mentions";

describe("parseMentions", () => {
  it("finds users, roles and everyone/here once each", () => {
    expect(parseMentions("hi <@abc> and <@abc>, <@&123> @here")).toEqual({ users: ["abc"], roles: ["123"], everyone: true });
    expect(parseMentions("@everyone")).toMatchObject({ everyone: true });
  });
  it("ignores look-alikes", () => {
    expect(parseMentions("mail me at me@everyone.example or `code@here` <@ bad>")).toEqual({ users: [], roles: [], everyone: false });
    expect(parseMentions("<@&notanumber>")).toEqual({ users: [], roles: [], everyone: false });
  });
  it("records what the browser draws as pills (the shared tokenizer)", () => {
    const inputs = ["<@a> <@&1> @here", "`<@a>` `@here`", "<@everyone>", "<@here-x>", "\\@everyone", "x@here <@<@b>>", "<@&12> <@&12> <@c>"];
    for (const input of inputs) {
      const drawn = splitMentions(input);
      expect(parseMentions(input), input).toEqual({
        users: [...new Set(drawn.flatMap((s) => (s.type === "user" ? [s.id] : [])))],
        roles: [...new Set(drawn.flatMap((s) => (s.type === "role" ? [s.id] : [])))],
        everyone: drawn.some((s) => s.type === "everyone" || s.type === "here"),
      });
    }
  });
  it("looks up at most 50 people and 20 roles", () => {
    const many = (n: number, token: (i: number) => string) => Array.from({ length: n }, (_, i) => token(i)).join(" ");
    const parsed = parseMentions(`${many(60, (i) => `<@u${i}>`)} ${many(30, (i) => `<@&${i}>`)}`);
    expect(parsed.users).toHaveLength(50);
    expect(parsed.users[49]).toBe("u49");
    expect(parsed.roles).toHaveLength(20);
  });
});
