import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buttonClasses } from "../components/ui/button";
import { cn, sets, utility } from "./cn";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const classes = (list: string) => list.split(" ").sort();

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.(ts|tsx|css)$/.test(entry.name) ? [file] : [];
  });
}

describe("class names", () => {
  it("joins like clsx and keeps every class (no merging library in the bundle)", () => {
    expect(cn("px-2", false, null, undefined, ["py-1", { "text-sm": true, "text-lg": false }], "px-4")).toBe("px-2 py-1 text-sm px-4");
    const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
    expect(manifest.dependencies?.["tailwind-merge"]).toBeUndefined();
    expect(manifest.devDependencies?.["tailwind-merge"]).toBeUndefined();
    const importers = sources(path.join(root, "src")).filter((file) => /(from|import\(|require\()\s*["']tailwind-merge/.test(readFileSync(file, "utf8")));
    expect(importers).toEqual([]);
  });

  it("tells which utilities a className sets, prefixed ones aside", () => {
    expect(sets("h-8 w-full", utility.height)).toBe(true);
    expect(sets("text-base", utility.fontSize)).toBe(true);
    expect(sets("text-base", utility.textColour)).toBe(false);
    expect(sets("text-text-muted", utility.textColour)).toBe(true);
    expect(sets("hover:text-white", utility.textColour)).toBe(false);
    expect(sets("rounded-2xl", utility.radius)).toBe(true);
    expect(sets("rounded-t-lg", utility.radius)).toBe(false);
    expect(sets(undefined, utility.background)).toBe(false);
  });

  it("gives a button one utility per property, the caller's where it sets one", () => {
    expect(classes(buttonClasses("link", "h-8 px-2 text-text"))).toEqual(
      classes(
        "inline-flex items-center justify-center gap-2 rounded-[3px] font-medium transition-colors text-sm bg-transparent hover:underline " +
          "disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-link h-8 px-2 text-text",
      ),
    );
    expect(classes(buttonClasses("primary", "h-11 w-full text-base"))).toEqual(
      classes(
        "inline-flex items-center justify-center gap-2 rounded-[3px] font-medium transition-colors px-4 text-white bg-blurple hover:bg-blurple-hover " +
          "disabled:cursor-not-allowed disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-link h-11 w-full text-base",
      ),
    );
  });
});
