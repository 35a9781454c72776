import { describe, expect, it } from "vitest";
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
});
