/**
 * Files in the browser. Security: an HTML page and an SVG with script, uploaded as
 * attachments, are served as downloads and never run, whether opened directly or
 * embedded. Then the chat: an image and a PDF dropped onto the conversation show upload
 * progress, then an inline preview and a file card, and the other person sees both live.
 */
import path from "node:path";
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { Attachment, Channel, Server } from "@/shared/api";
import { fillSignUp, joinThroughInvite, ownerWithInvite, person } from "./browser";
import { e2eFixture } from "./fixture";

const e2e = e2eFixture();
const { resultsDir } = e2e;

/** Uploads through the API from inside the page (its cookie), as the composer does. */
function uploadFromPage(page: Page, channelId: string, name: string, type: string, text: string) {
  return page.evaluate(
    async ([id, fileName, mime, body]) => {
      const form = new FormData();
      form.append("file", new File([body], fileName, { type: mime }));
      const res = await fetch(`/api/v1/channels/${id}/attachments`, { method: "POST", body: form });
      return (await res.json()) as Attachment;
    },
    [channelId, name, type, text] as const,
  );
}

/** Drops files on the conversation as a person dragging them from their desktop would. */
async function dropFiles(page: Page, files: { name: string; type: string; base64: string }[]) {
  await page.evaluate((list) => {
    const data = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      data.items.add(new File([bytes], f.name, { type: f.type }));
    }
    const zone = document.querySelector('[data-testid="chat-drop-zone"]')!;
    zone.dispatchEvent(new DragEvent("dragenter", { dataTransfer: data, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  }, files);
}

describe("files", () => {
  it("an image and a PDF dropped on the chat upload with progress and reach the other person live", async () => {
    const [a, b] = [await e2e.session.openPage(e2e.server.baseUrl), await e2e.session.openPage(e2e.server.baseUrl)];
    const link = await ownerWithInvite(a, person("Ada"), "Upload Guild");
    await joinThroughInvite(b, link, person("Bo"));

    // A photo big enough that its upload takes a moment, and a small PDF.
    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 60 } } })
      .jpeg({ quality: 95 })
      .toBuffer();
    const tag = randomUUID().slice(0, 6);
    const pdf = Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF ${tag}\n`);
    await dropFiles(a, [
      { name: `photo-${tag}.jpg`, type: "image/jpeg", base64: photo.toString("base64") },
      { name: `report-${tag}.pdf`, type: "application/pdf", base64: pdf.toString("base64") },
    ]);
    const tiles = a.getByTestId("upload-tile");
    await expect.poll(() => tiles.count()).toBe(2);
    expect(await a.getByTestId("upload-progress").count()).toBe(2);
    await a.locator('[data-testid="upload-tile"][data-status="done"]').nth(1).waitFor();
    await a.screenshot({ path: path.join(resultsDir, "files-uploaded.png") });
    await a.getByTestId("composer").click();
    await a.getByTestId("composer").press("Enter");

    for (const page of [a, b]) {
      const image = page.getByTestId("attachment-image").locator("img");
      await image.waitFor();
      // Its box is reserved from the recorded size (4:3) before and after it loads.
      const box = (await image.boundingBox())!;
      expect(Math.abs(box.width / box.height - 4 / 3)).toBeLessThan(0.05);
      const card = page.getByTestId("attachment-file").filter({ hasText: `report-${tag}.pdf` });
      await card.waitFor();
      expect(await card.getByTestId("attachment-download").getAttribute("href")).toMatch(/^\/api\/v1\/attachments\/\d+\//);
    }
    await b.getByTestId("attachment-image").click();
    await b.getByTestId("lightbox").waitFor();
    await b.screenshot({ path: path.join(resultsDir, "files-lightbox.png") });
    await b.keyboard.press("Escape");
    await b.screenshot({ path: path.join(resultsDir, "files-received.png") });
    expect(e2e.session.pageErrors).toEqual([]);
  });

  it("serves HTML and SVG uploads as downloads that never run", async () => {
    const page = await e2e.session.openPage(e2e.server.baseUrl);
    await page.goto("/sign-up");
    await fillSignUp(page, person("Sec"));
    await page.getByTestId("server-name").fill("Files Guild");
    await page.getByTestId("create-server-submit").click();
    await page.waitForURL(/\/channels\/\d+\/\d+$/);
    const { channelId } = await page.evaluate(async () => {
      const servers = (await (await fetch("/api/v1/servers")).json()) as Server[];
      const channels = (await (await fetch(`/api/v1/servers/${servers[0]!.id}/channels`)).json()) as Channel[];
      return { channelId: channels.find((c) => c.type === "text")!.id };
    });

    const html = await uploadFromPage(page, channelId, "page.html", "text/html", "<!doctype html><script>document.title='ran';fetch('/ran-html')</script><h1>hi</h1>");
    const svg = await uploadFromPage(
      page,
      channelId,
      "logo.svg",
      "image/svg+xml",
      `<svg xmlns="http://www.w3.org/2000/svg" onload="fetch('/ran-svg-onload')"><script>fetch('/ran-svg')</script><circle r="5"/></svg>`,
    );
    expect(html.kind).toBe("file");
    expect(svg.kind).toBe("file");

    // Any request the files' script would make, or any dialog, means it ran.
    const ran: string[] = [];
    page.context().on("request", (req) => {
      if (new URL(req.url()).pathname.startsWith("/ran")) ran.push(req.url());
    });
    page.on("dialog", (d) => {
      ran.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });

    for (const file of [html, svg]) {
      // Same person (same cookies), a new tab.
      const opened = await page.context().newPage();
      // Opening the URL downloads it: the browser never renders it as a page.
      const download = opened.waitForEvent("download");
      await opened.goto(new URL(file.url, e2e.server.baseUrl).href).catch((err: Error) => expect(err.message).toMatch(/Download is starting|net::ERR_ABORTED/));
      expect((await download).suggestedFilename()).toBe(file.filename);
      await opened.close();
    }
    // Embedded in our own page as an image, a frame and an object: still nothing runs.
    await page.evaluate(
      ([htmlUrl, svgUrl]) => {
        const img = document.createElement("img");
        img.src = svgUrl;
        const frame = document.createElement("iframe");
        frame.src = htmlUrl;
        const object = document.createElement("object");
        object.data = svgUrl;
        document.body.append(img, frame, object);
      },
      [html.url, svg.url] as const,
    );
    await page.waitForTimeout(1500);
    expect(ran).toEqual([]);
    expect(await page.title()).not.toBe("ran");
  });
});
