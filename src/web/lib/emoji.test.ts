import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import data from "./emoji-data.json";
import { emojiCategories, emojiEntry, emojiForShortcode, emojiList, inSkinTone, searchEmoji } from "./emoji";
import { activeEmojiQuery, finishedShortcode } from "./emoji-query";
import { emojiUrl, isJumboEmoji, splitEmoji } from "./emoji-text";

const twemoji = path.dirname(createRequire(import.meta.url).resolve("@twemoji/svg/package.json"));
const files = new Set(readdirSync(twemoji).map((f) => f.replace(/\.svg$/, "")));
/** What the server's lookup does (http/emoji-assets.ts): either FE0F form. */
const bare = (name: string) =>
  name
    .split("-")
    .filter((p) => p !== "fe0f")
    .join("-");
const bareFiles = new Set([...files].map(bare));
const fileOf = (emoji: string) => emojiUrl(emoji).slice("/emoji/".length, -".svg".length);

describe("splitEmoji", () => {
  const emojiIn = (text: string) => splitEmoji(text).flatMap((p) => (typeof p === "string" ? [] : [p.emoji]));

  it("keeps the text and cuts out each emoji whole", () => {
    const text = "hi 😀 there 👍🏽!";
    expect(splitEmoji(text)).toEqual(["hi ", { emoji: "😀" }, " there ", { emoji: "👍🏽" }, "!"]);
    expect(splitEmoji("plain words")).toEqual(["plain words"]);
    expect(splitEmoji("")).toEqual([]);
  });

  it("takes ZWJ sequences, skin tones, flags, tag flags and keycaps as one emoji each", () => {
    const cases = [
      "👩‍💻", // woman technologist: ZWJ
      "👨‍👩‍👧‍👦", // family: three ZWJ
      "🏃🏽‍♀️", // tone + ZWJ + gender with FE0F
      "🏳️‍🌈", // text-default flag with FE0F in a ZWJ sequence
      "🇫🇷", // regional indicator pair
      "🏴󠁧󠁢󠁳󠁣󠁴󠁿", // Scotland: black flag + tags
      "#️⃣", // keycap with FE0F
      "1⃣", // keycap without it
      "❤️", // text-default heart asked to be an emoji
      "✌🏽", // text-default hand with a skin tone
      "🧑🏻‍🤝‍🧑🏿", // people holding hands, two tones
    ];
    for (const emoji of cases) expect(emojiIn(`a${emoji}b`), emoji).toEqual([emoji]);
    expect(emojiIn("🇫🇷🇩🇪")).toEqual(["🇫🇷", "🇩🇪"]);
    expect(emojiIn("😀😀😀")).toEqual(["😀", "😀", "😀"]);
  });

  it("leaves text-default symbols and plain digits as text", () => {
    for (const text of ["© 2024", "Acme™", "a ↔ b", "❤ without the selector", "call 112", "#hashtag", "☺︎"]) {
      expect(emojiIn(text), text).toEqual([]);
    }
  });

  it("joins back to the text it was given", () => {
    const text = "Ship it 🚀🚀 — 👨‍👩‍👧 #️⃣ 🇯🇵 done ✅ ©";
    expect(
      splitEmoji(text)
        .map((p) => (typeof p === "string" ? p : p.emoji))
        .join(""),
    ).toBe(text);
  });
});

describe("emojiUrl", () => {
  it("names the image by its code points, Twemoji's way", () => {
    expect(emojiUrl("😀")).toBe("/emoji/1f600.svg");
    expect(emojiUrl("❤️")).toBe("/emoji/2764.svg");
    expect(emojiUrl("👩‍💻")).toBe("/emoji/1f469-200d-1f4bb.svg");
    expect(emojiUrl("🏳️‍🌈")).toBe("/emoji/1f3f3-fe0f-200d-1f308.svg");
    expect(emojiUrl("🇫🇷")).toBe("/emoji/1f1eb-1f1f7.svg");
  });

  it("finds an image in the bundled set for every emoji the picker offers, in every tone", () => {
    const missing: string[] = [];
    for (const entry of emojiList) {
      for (const emoji of [entry.emoji, ...(entry.skins ?? [])]) {
        if (!files.has(fileOf(emoji)) && !bareFiles.has(bare(fileOf(emoji)))) missing.push(emoji);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe("isJumboEmoji", () => {
  it("is true for emoji alone, up to 27", () => {
    expect(isJumboEmoji("😀")).toBe(true);
    expect(isJumboEmoji(" 🎉 🎉\n👍🏽 ")).toBe(true);
    expect(isJumboEmoji("😀".repeat(27))).toBe(true);
    expect(isJumboEmoji("😀".repeat(28))).toBe(false);
    expect(isJumboEmoji("nice 😀")).toBe(false);
    expect(isJumboEmoji("")).toBe(false);
    expect(isJumboEmoji("   ")).toBe(false);
    expect(isJumboEmoji("©")).toBe(false);
  });
});

describe("the emoji set", () => {
  it("is the generated file, up to date with the packages", () => {
    expect(data.categories).toEqual([...emojiCategories]);
    execFileSync(process.execPath, ["scripts/emoji-data.mjs", "--check"], { stdio: "pipe" });
  });

  it("has every category, in Discord's order, with a shortcode for every emoji", () => {
    const seen = [...new Set(emojiList.map((e) => e.category))];
    expect(seen).toEqual([...emojiCategories]);
    for (const entry of emojiList) expect(entry.shortcodes[0], entry.label).toMatch(/^[a-z0-9_+-]+$/);
  });

  it("knows Discord's names", () => {
    expect(emojiForShortcode("smile")).toBe("😄");
    expect(emojiForShortcode("thumbsup")).toBe("👍");
    expect(emojiForShortcode("+1")).toBe("👍");
    expect(emojiForShortcode("joy")).toBe("😂");
    expect(emojiForShortcode("heart")).toBe("❤️");
    expect(emojiForShortcode("tada")).toBe("🎉");
    expect(emojiForShortcode("flag-fr")).toBe("🇫🇷");
    expect(emojiForShortcode("SMILE")).toBe("😄");
    expect(emojiForShortcode("not_an_emoji")).toBeUndefined();
  });

  it("gives skin tones for a hand, and a toned emoji's names", () => {
    const wave = emojiEntry("👋")!;
    expect(wave.skins).toHaveLength(5);
    expect(inSkinTone(wave, 0)).toBe("👋");
    expect(inSkinTone(wave, 3)).toBe("👋🏽");
    expect(emojiEntry("👋🏽")?.shortcodes).toContain("wave");
    const grin = emojiEntry("😀")!;
    expect(inSkinTone(grin, 3)).toBe("😀");
  });
});

describe("searchEmoji", () => {
  it("puts the exact shortcode first, then shortcodes starting with the query", () => {
    const smile = searchEmoji("smile").map((e) => e.shortcodes[0]);
    expect(smile[0]).toBe("smile");
    expect(smile.slice(0, 4)).toEqual(expect.arrayContaining(["smile", "smiley", "smile_cat", "smiley_cat"]));
    expect(searchEmoji(":sm")[0]?.shortcodes[0]).toMatch(/^sm/);
    expect(searchEmoji("thumbsup")[0]?.emoji).toBe("👍");
    expect(searchEmoji(":heart")[0]?.emoji).toBe("❤️");
    expect(searchEmoji("hea")[0]?.emoji).toBe("❤️");
  });

  it("finds by words of the name and by tags, every word counting", () => {
    expect(searchEmoji("party").map((e) => e.emoji)).toContain("🎉");
    expect(searchEmoji("lol").map((e) => e.emoji)).toContain("😂");
    expect(searchEmoji("thumbs up")[0]?.emoji).toBe("👍");
    expect(searchEmoji("cat grinning").every((e) => /cat/.test(e.label + e.shortcodes.join(" ") + e.tags.join(" ")))).toBe(true);
    expect(searchEmoji("zzzzqq")).toEqual([]);
    expect(searchEmoji("sm", 10)).toHaveLength(10);
  });
});

describe("the composer's :shortcode rules", () => {
  it("opens the list after a colon and two characters, at the start or after a space", () => {
    expect(activeEmojiQuery(":sm", 3)).toEqual({ start: 0, query: "sm" });
    expect(activeEmojiQuery("hi :smi", 7)).toEqual({ start: 3, query: "smi" });
    expect(activeEmojiQuery("hi :+1", 6)).toEqual({ start: 3, query: "+1" });
    expect(activeEmojiQuery(":s", 2)).toBeNull();
    expect(activeEmojiQuery("at 12:30", 8)).toBeNull();
    expect(activeEmojiQuery("https://x", 9)).toBeNull();
    expect(activeEmojiQuery(":smile more", 11)).toBeNull();
    // The caret decides, not the end of the text.
    expect(activeEmojiQuery(":smile more", 6)).toEqual({ start: 0, query: "smile" });
  });

  it("sees a finished :name: right before the caret", () => {
    expect(finishedShortcode("hi :smile:", 10)).toEqual({ start: 3, query: "smile" });
    expect(finishedShortcode(":smile: ", 8)).toBeNull();
    expect(finishedShortcode("a:smile:", 8)).toBeNull();
  });
});
