// Writes src/web/lib/emoji-data.json: every emoji the picker and the `:shortcode:`
// autocomplete offer, in the picker's order, from emojibase-data (names, tags, groups,
// skin tones) and its iamcal shortcodes (the Slack and Discord names: :smile:, :+1:),
// keeping only emoji the bundled Twemoji set draws. The browser loads the file on use
// (lib/emoji-catalog.ts), never in the first load. Run after updating either package:
// `node scripts/emoji-data.mjs`; `--check` exits 1 when the file is out of date
// (a unit test runs it).
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const out = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "src", "web", "lib", "emoji-data.json");

/** Emojibase's groups (messages.json) into the picker's categories, in Discord's order; "component" (bare skin tones, hair) is left out. */
const categories = ["people", "nature", "food", "activities", "travel", "objects", "symbols", "flags"];
const categoryOfGroup = { 0: "people", 1: "people", 3: "nature", 4: "food", 5: "travel", 6: "activities", 7: "objects", 8: "symbols", 9: "flags" };

/**
 * Emojibase writes some emoji with a U+FE0F they do not need (👍 as U+1F44D U+FE0F);
 * people's keyboards send them without it, and a reaction must be the same string
 * whichever way it was picked, so it goes after a character that is an emoji by default.
 * After a text-default one (❤️, ☀️) it stays: there it makes the emoji.
 */
function plain(emoji) {
  return emoji.replace(/(\p{Emoji_Presentation})\uFE0F/gu, "$1");
}

export function buildEmojiData() {
  const compact = require("emojibase-data/en/compact.json");
  const shortcodes = require("emojibase-data/en/shortcodes/iamcal.json");
  const twemoji = path.dirname(require.resolve("@twemoji/svg/package.json"));
  const bare = (hex) => hex.filter((part) => part !== "fe0f").join("-");
  const drawn = new Set(
    readdirSync(twemoji)
      .filter((f) => f.endsWith(".svg"))
      .map((f) => bare(f.slice(0, -4).split("-"))),
  );
  const isDrawn = (char) => drawn.has(bare([...char].map((c) => c.codePointAt(0).toString(16))));

  const rank = (entry) => categories.indexOf(categoryOfGroup[entry.group]) * 1e6 + (entry.order ?? 0);
  const rows = [];
  for (const entry of [...compact].sort((a, b) => rank(a) - rank(b))) {
    const category = categoryOfGroup[entry.group];
    if (!category || !isDrawn(entry.unicode)) continue;
    const codes = [shortcodes[entry.hexcode] ?? []].flat();
    if (codes.length === 0) continue;
    // The five single-tone variants, when all are drawn (multi-person mixes are left to typing).
    const skins = (entry.skins ?? []).filter((s) => !Array.isArray(s.tone) && isDrawn(s.unicode)).map((s) => plain(s.unicode));
    const row = [categories.indexOf(category), plain(entry.unicode), entry.label, codes.join(" "), (entry.tags ?? []).join(" ")];
    if (skins.length === 5) row.push(skins.join(" "));
    rows.push(row);
  }
  return { categories, emoji: rows };
}

/** One row per line: diffs stay readable when a package moves. */
export function serialise(data) {
  return `{"categories":${JSON.stringify(data.categories)},"emoji":[\n${data.emoji.map((row) => JSON.stringify(row)).join(",\n")}\n]}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const text = serialise(buildEmojiData());
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(out, "utf8");
    } catch {
      // No file yet: out of date.
    }
    if (current !== text) {
      console.error(`${path.relative(process.cwd(), out)} is out of date: run node scripts/emoji-data.mjs`);
      process.exit(1);
    }
    console.log("emoji data is up to date");
  } else {
    writeFileSync(out, text);
    console.log(`wrote ${path.relative(process.cwd(), out)}: ${JSON.parse(text).emoji.length} emoji`);
  }
}
