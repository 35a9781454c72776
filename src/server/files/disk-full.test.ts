/**
 * Disk full during an upload, on real small filesystems (tmpfs of a few hundred KB
 * mounted over the server's temp and file directories): the upload answers 503
 * STORAGE_FULL, its temp files are gone, no partial or orphaned stored file is left,
 * and uploads work again once there is room.
 *
 * Mounting needs root (or CAP_SYS_ADMIN); the test fails and says so otherwise.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Attachment } from "@/shared/api";
import { type TestClient, type TestServer, serverWithPeople, startTestServer } from "../testing/harness";

const run = promisify(execFile);
const mounted: string[] = [];

async function smallDisk(dir: string, size: string) {
  await mkdir(dir, { recursive: true });
  try {
    await run("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir]);
  } catch (err) {
    throw new Error(
      `This test needs a small real filesystem: \`mount -t tmpfs\` failed (run the tests as root or with CAP_SYS_ADMIN): ${(err as Error).message}`,
    );
  }
  mounted.push(dir);
}

async function unmountAll() {
  for (const dir of mounted.splice(0).reverse()) await run("umount", [dir]);
}

/** Every file (not directory) under `dir`, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** An image that does not compress: its thumbnail is small, the image itself is not. */
async function noisyPng(width: number, height: number): Promise<Buffer> {
  return sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

let t: TestServer;
let person: TestClient;
let channelId = "";
let tmpDir = "";
let filesDir = "";

beforeAll(async () => {
  t = await startTestServer("pglite");
  const { owner, general } = await serverWithPeople(t, ["Uploader"], "Full disk");
  person = owner;
  channelId = general.id;
  const dataDir = t.server.services.config.DATA_DIR;
  tmpDir = path.resolve(dataDir, "tmp");
  filesDir = path.resolve(dataDir, "files");
});

afterEach(unmountAll);

afterAll(async () => {
  await unmountAll();
  await t?.close();
});

const upload = (name: string, bytes: Uint8Array) => person.upload<Attachment & { error?: { code: string } }>(`/api/v1/channels/${channelId}/attachments`, name, bytes);

async function expectStorageFull(reply: Awaited<ReturnType<typeof upload>>) {
  expect({ status: reply.status, code: reply.body.error?.code }).toEqual({ status: 503, code: "STORAGE_FULL" });
  expect(reply.headers.get("retry-after")).toMatch(/^\d+$/);
}

describe("disk full during an upload", () => {
  it("the temp directory fills up while the upload streams in: 503 STORAGE_FULL, no temp file left", async () => {
    await smallDisk(tmpDir, "256k");
    const reply = await upload("big.bin", randomBytes(1024 * 1024));
    await expectStorageFull(reply);
    expect(await filesUnder(tmpDir)).toEqual([]);
    expect(await filesUnder(filesDir)).toEqual([]);
  });

  it("the file store fills up while storing: 503 STORAGE_FULL, no partial stored file and no temp file", async () => {
    await smallDisk(filesDir, "256k");
    const reply = await upload("big.bin", randomBytes(1024 * 1024));
    await expectStorageFull(reply);
    expect(await filesUnder(filesDir)).toEqual([]);
    expect(await filesUnder(tmpDir)).toEqual([]);
  });

  it("an image whose thumbnail was stored before the store filled up leaves neither behind", async () => {
    const image = await noisyPng(600, 600);
    // The thumbnail (stored first) fits in 256 KB, the image does not.
    expect((await sharp(image).resize(400, 300, { fit: "inside" }).webp({ quality: 80 }).toBuffer()).length).toBeLessThan(200 * 1024);
    expect(image.length).toBeGreaterThan(512 * 1024);
    await smallDisk(filesDir, "256k");
    const reply = await upload("noise.png", image);
    await expectStorageFull(reply);
    expect(await filesUnder(filesDir)).toEqual([]);
    expect(await filesUnder(tmpDir)).toEqual([]);
  });

  it("room for the upload but not for the cleaned copy of the image: 503 STORAGE_FULL, temp files gone", async () => {
    const image = await noisyPng(600, 600);
    // The upload fits; the re-encoded copy beside it does not.
    await smallDisk(tmpDir, `${Math.ceil((image.length * 1.5) / 1024)}k`);
    const reply = await upload("noise.png", image);
    await expectStorageFull(reply);
    expect(await filesUnder(tmpDir)).toEqual([]);
    expect(await filesUnder(filesDir)).toEqual([]);
  });

  it("an avatar whose largest size fits but not the next: 503 STORAGE_FULL, none of its sizes kept", async () => {
    const image = await noisyPng(600, 600);
    // Room for the 512 px square (stored first) and a little more, not for the 256 px one.
    const largest = (await sharp(image).resize(512, 512).webp({ quality: 85 }).toBuffer()).length;
    await smallDisk(filesDir, `${Math.ceil(largest / 1024) + 24}k`);
    const reply = await person.upload<{ error?: { code: string } }>("/api/v1/users/@me/avatar", "me.png", image, "PUT");
    expect({ status: reply.status, code: reply.body.error?.code }).toEqual({ status: 503, code: "STORAGE_FULL" });
    expect(await filesUnder(filesDir)).toEqual([]);
    expect(await filesUnder(tmpDir)).toEqual([]);
  });

  it("once there is room again, uploads work", async () => {
    const reply = await upload("noise.png", await noisyPng(300, 300));
    expect(reply.status).toBe(201);
    expect((await filesUnder(filesDir)).sort()).toEqual([`a/${reply.body.id}/original`, `a/${reply.body.id}/thumb.webp`]);
    expect(await filesUnder(tmpDir)).toEqual([]);
  });
});
