/**
 * The emoji images, sent by the real handler over HTTP from the real @twemoji/svg package:
 * known names in either FE0F form, long caching, and nothing outside the package's files
 * whatever the path says.
 */
import { readFile } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emojiAssetHandler, loadEmojiSet, resolveEmojiName, twemojiDir, type EmojiSet } from "./emoji-assets";

describe("emoji images", () => {
  let set: EmojiSet;
  let server: http.Server;
  let base: string;
  let port: number;
  const fellThrough: string[] = [];

  beforeAll(async () => {
    set = await loadEmojiSet();
    const handle = emojiAssetHandler(set);
    server = http.createServer((req, res) => {
      if (handle(req, res)) return;
      fellThrough.push(req.url ?? "");
      res.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  /** Sends the path byte for byte: fetch() would normalise "..", which is what an attacker's client does not do. */
  function rawGet(target: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => {
        socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      });
      let data = "";
      socket.on("data", (chunk: Buffer) => (data += chunk.toString("latin1")));
      socket.on("end", () => resolve({ status: Number(data.split(" ")[1]), body: data.split("\r\n\r\n").slice(1).join("\r\n\r\n") }));
      socket.on("error", reject);
    });
  }

  it("sends a known emoji as an SVG image cached for a year", async () => {
    const res = await fetch(`${base}/emoji/1f600.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const body = await res.text();
    expect(body).toBe(await readFile(path.join(twemojiDir(), "1f600.svg"), "utf8"));
    expect(body).toMatch(/^<svg/);

    const again = await fetch(`${base}/emoji/1f600.svg`, { headers: { "if-none-match": res.headers.get("etag")! } });
    expect(again.status).toBe(304);
    const head = await fetch(`${base}/emoji/1f600.svg`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBe(Buffer.byteLength(body));
  });

  it("finds a name with or without the variation selector, and keycaps with leading zeros", () => {
    // ❤️ is U+2764 U+FE0F; Twemoji's file is 2764.svg.
    expect(resolveEmojiName(set, "2764-fe0f")).toBe("2764");
    expect(resolveEmojiName(set, "2764")).toBe("2764");
    // 👁️‍🗨️ and 🏳️‍🌈 keep FE0F in Twemoji's names; asked without it, they still resolve.
    expect(resolveEmojiName(set, "1f3f3-200d-1f308")).toBe("1f3f3-fe0f-200d-1f308");
    expect(resolveEmojiName(set, "1f3f3-fe0f-200d-1f308")).toBe("1f3f3-fe0f-200d-1f308");
    // 👩‍💻 and 🏃🏽‍♀️ (skin tone, ZWJ and a gender sign).
    expect(resolveEmojiName(set, "1f469-200d-1f4bb")).toBe("1f469-200d-1f4bb");
    expect(resolveEmojiName(set, "1f3c3-1f3fd-200d-2640-fe0f")).toBe("1f3c3-1f3fd-200d-2640-fe0f");
    expect(resolveEmojiName(set, "1f3c3-1f3fd-200d-2640")).toBe("1f3c3-1f3fd-200d-2640-fe0f");
    // #️⃣ is U+0023 U+FE0F U+20E3; Twemoji's file is 23-20e3.svg.
    expect(resolveEmojiName(set, "0023-fe0f-20e3")).toBe("23-20e3");
    // 🇫🇷
    expect(resolveEmojiName(set, "1f1eb-1f1f7")).toBe("1f1eb-1f1f7");
  });

  it("answers the same bytes for either form", async () => {
    const withSelector = await fetch(`${base}/emoji/2764-fe0f.svg`);
    expect(withSelector.status).toBe(200);
    expect(await withSelector.text()).toBe(await (await fetch(`${base}/emoji/2764.svg`)).text());
  });

  it("answers 404 for what is not an emoji of the set, and never hands /emoji/ on", async () => {
    for (const name of ["ffff.svg", "1f600.png", "1f600", "1F600.svg", "1f600.svg.svg", "", "1f600-.svg", "-1f600.svg", "1f6000000.svg"]) {
      const res = await fetch(`${base}/emoji/${name}`);
      expect(res.status, name).toBe(404);
      expect(res.headers.get("cache-control"), name).toBe("no-store");
    }
    expect((await fetch(`${base}/emoji/1f600.svg`, { method: "POST" })).status).toBe(405);
    expect(fellThrough).toEqual([]);
  });

  it("never reads outside the package, whatever the path says", async () => {
    for (const target of [
      "/emoji/../package.json",
      "/emoji/../../../../etc/passwd",
      "/emoji/..%2f..%2fpackage.json",
      "/emoji/%2e%2e/package.json",
      "/emoji/..%2F..%2F..%2Fetc%2Fpasswd",
      "/emoji/license",
      "/emoji/package.json",
      "/emoji/readme.md",
      "/emoji/1f600.svg%00.txt",
      "/emoji/1f600%2esvg",
      "/emoji/1f600.svg/..",
      "/emoji//etc/passwd",
      "/emoji/..\\package.json",
    ]) {
      const res = await rawGet(target);
      expect(res.status, target).toBe(404);
      expect(res.body, target).not.toMatch(/"name"|root:|MIT/);
    }
    expect(fellThrough).toEqual([]);
  });
});
