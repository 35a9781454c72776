import { describe, expect, it } from "vitest";
import { MAX_TERMS, isEmptyQuery, parseDay, parseSearchQuery } from "./query";

const words = (...texts: string[]) => texts.map((text) => ({ text, phrase: false }));

describe("parseSearchQuery", () => {
  it("keeps free words in order, without duplicates", () => {
    expect(parseSearchQuery("  deploy the  Server server ").terms).toEqual(words("deploy", "the", "Server"));
  });

  it("keeps a quoted run as one phrase, with its inner spaces collapsed", () => {
    expect(parseSearchQuery('ship "release   notes" now').terms).toEqual([
      { text: "ship", phrase: false },
      { text: "release notes", phrase: true },
      { text: "now", phrase: false },
    ]);
  });

  it("treats a quoted single word as a word, and an unclosed quote as running to the end", () => {
    expect(parseSearchQuery('"hello"').terms).toEqual(words("hello"));
    expect(parseSearchQuery('say "good morning').terms).toEqual([
      { text: "say", phrase: false },
      { text: "good morning", phrase: true },
    ]);
  });

  it("reads each filter, with bare and quoted values", () => {
    const q = parseSearchQuery('from:ada from:"Grace Hopper" in:#general in:123 has:link mentions:<@u1> mentions:@u2');
    expect(q).toMatchObject({
      terms: [],
      from: ["ada", "Grace Hopper"],
      in: ["general", "123"],
      has: ["link"],
      mentions: ["u1", "u2"],
    });
  });

  it("reads filter keys in any case", () => {
    expect(parseSearchQuery("FROM:ada HAS:File").from).toEqual(["ada"]);
    expect(parseSearchQuery("FROM:ada HAS:File").has).toEqual(["file"]);
  });

  it("reads before: as the start of that UTC day and after: as the end of it", () => {
    const q = parseSearchQuery("before:2026-03-10 after:2026-03-01");
    expect(q.before?.toISOString()).toBe("2026-03-10T00:00:00.000Z");
    expect(q.after?.toISOString()).toBe("2026-03-02T00:00:00.000Z");
  });

  it("searches unknown filters, bad values and links as text", () => {
    const q = parseSearchQuery("foo:bar has:video before:2026-02-30 after:yesterday https://example.com/x");
    expect(q.terms.map((t) => t.text)).toEqual(["foo:bar", "has:video", "before:2026-02-30", "after:yesterday", "https://example.com/x"]);
    expect(q).toMatchObject({ has: [], before: null, after: null });
  });

  it("keeps a key with nothing after it as a word", () => {
    expect(parseSearchQuery("from: ada").terms).toEqual(words("from:", "ada"));
    expect(parseSearchQuery("from: ada").from).toEqual([]);
  });

  it("bounds the number of terms", () => {
    const many = Array.from({ length: 40 }, (_, i) => `w${i}`).join(" ");
    expect(parseSearchQuery(many).terms).toHaveLength(MAX_TERMS);
  });

  it("knows an empty query", () => {
    expect(isEmptyQuery(parseSearchQuery('  "" '))).toBe(true);
    expect(isEmptyQuery(parseSearchQuery("has:link"))).toBe(false);
  });
});

describe("parseDay", () => {
  it("accepts real days only", () => {
    expect(parseDay("2024-02-29")?.toISOString()).toBe("2024-02-29T00:00:00.000Z");
    expect(parseDay("2023-02-29")).toBeNull();
    expect(parseDay("2024-2-1")).toBeNull();
    expect(parseDay("2024-13-01")).toBeNull();
  });
});
