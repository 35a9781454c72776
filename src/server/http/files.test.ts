import { deflateSync, crc32 } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import type { Attachment, Channel, Message, Role, SelfUser, Server } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { collectFiles } from "../domain/files/attachments";
import { type S3Standin, startS3Standin } from "../testing/s3-standin";
import { type TestClient, type TestServer, collect, serverWithPeople, startTestServer, waitFor } from "../testing/harness";
import { testDatabaseKinds } from "../testing/databases";

type ErrorBody = { error: { code: string } };

/** A PNG whose header claims `width` × `height` with only a sliver of pixel data. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from("89504e470d0a1a0a", "hex"),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(1 << 20))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe.each(testDatabaseKinds())("files on %s", (kind) => {
  let t: TestServer;
  let photo: Buffer;
  beforeAll(async () => {
    t = await startTestServer(kind, { env: { FILE_GRACE_SECONDS: "0" } });
    // A JPEG from a phone: GPS in its EXIF.
    photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#3366cc" } })
      .withExif({ IFD0: { Make: "PhoneCo" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 24/1" } })
      .jpeg()
      .toBuffer();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function community() {
    const { people, server, general } = await serverWithPeople(t, ["Owner", "Member"]);
    const outsider = t.client();
    await outsider.signUp("Outsider");
    return { owner: people[0]!, member: people[1]!, outsider, server, general };
  }

  const upload = (c: TestClient, channelId: string, name: string, bytes: Uint8Array) =>
    c.upload<Attachment & ErrorBody>(`/api/v1/channels/${channelId}/attachments`, name, bytes);

  it("uploads an image, strips its EXIF, makes a thumbnail, and sends it to the channel live", async () => {
    const { owner, member, outsider, general } = await community();
    const memberSocket = await member.socket();
    const heard = collect(memberSocket, "message.created");

    const up = await upload(owner, general.id, "holiday.jpg", photo);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ filename: "holiday.jpg", contentType: "image/jpeg", kind: "image", width: 640, height: 480 });
    expect(up.body.thumbnailUrl).toContain("?thumb=1");
    // Before it is sent, only its uploader can fetch it.
    expect((await owner.download(up.body.url)).status).toBe(200);
    expect((await member.download(up.body.url)).status).toBe(404);

    const sent = await owner.post<Message>(`/api/v1/channels/${general.id}/messages`, { content: "", attachmentIds: [up.body.id] });
    expect(sent.status).toBe(201);
    expect(sent.body.attachments.map((a) => a.id)).toEqual([up.body.id]);
    await waitFor(() => heard.length === 1);
    expect(heard[0]!.message.attachments[0]).toMatchObject({ id: up.body.id, width: 640, height: 480 });

    const original = await member.download(up.body.url);
    expect(original.status).toBe(200);
    expect(original.headers.get("content-type")).toBe("image/jpeg");
    expect(original.headers.get("x-content-type-options")).toBe("nosniff");
    expect(original.headers.get("content-disposition")).toMatch(/^inline/);
    const meta = await sharp(original.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(original.bytes.includes(Buffer.from("PhoneCo"))).toBe(false);
    const thumb = await member.download(up.body.thumbnailUrl!);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    expect((await sharp(thumb.bytes).metadata()).width).toBe(400);

    // History carries it too; outsiders get nothing, even with the URL.
    const history = (await member.get<Message[]>(`/api/v1/channels/${general.id}/messages`)).body;
    expect(history.find((m) => m.id === sent.body.id)?.attachments).toHaveLength(1);
    expect((await outsider.download(up.body.url)).status).toBe(403);
    expect((await t.client().download(up.body.url)).status).toBe(401);
  });

  it("serves byte ranges, so players can seek", async () => {
    const { owner, general } = await community();
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    const up = (await upload(owner, general.id, "data.bin", bytes)).body;
    const part = await fetch(t.url + up.url, { headers: { cookie: owner.cookie, range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 100-199/1000");
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(100, 200));
    const tail = await fetch(t.url + up.url, { headers: { cookie: owner.cookie, range: "bytes=-10" } });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(990));
    expect((await fetch(t.url + up.url, { headers: { cookie: owner.cookie, range: "bytes=5000-" } })).status).toBe(416);
    const whole = await owner.download(up.url);
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(whole.bytes).toEqual(bytes);
  });

  it("refuses a file in a private channel to people who cannot see it", async () => {
    const { owner, member, server } = await community();
    const roles = (await owner.get<Role[]>(`/api/v1/servers/${server.id}/roles`)).body;
    const everyone = roles.find((r) => r.id === server.id)!;
    const secret = (
      await owner.post<Channel>(`/api/v1/servers/${server.id}/channels`, {
        name: "staff",
        type: "text",
        overwrites: [{ id: everyone.id, type: "role", deny: Permission.ViewChannel.toString() }],
      })
    ).body;
    const up = (await upload(owner, secret.id, "plans.pdf", Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"))).body;
    expect(up.contentType).toBe("application/pdf");
    await owner.post(`/api/v1/channels/${secret.id}/messages`, { content: "plans", attachmentIds: [up.id] });
    expect((await owner.download(up.url)).status).toBe(200);
    expect((await member.download(up.url)).status).toBe(403);
    expect((await upload(member, secret.id, "x.txt", Buffer.from("hi"))).status).toBe(403);
  });

  it("refuses uploads from people outside the channel, and from nobody", async () => {
    const { outsider, general } = await community();
    expect((await upload(outsider, general.id, "x.txt", Buffer.from("hi"))).status).toBe(403);
    expect((await upload(t.client(), general.id, "x.txt", Buffer.from("hi"))).status).toBe(401);
    expect((await t.client().upload("/api/v1/users/@me/avatar", "me.png", Buffer.from("x"), "PUT")).status).toBe(401);
    expect((await outsider.upload(`/api/v1/servers/${general.serverId}/icon`, "i.png", Buffer.from("x"), "PUT")).status).toBe(403);
    expect((await outsider.download("/api/v1/attachments/123/nothing.txt")).status).toBe(404);
  });

  it("judges a file by its bytes, and serves HTML and SVG only as downloads", async () => {
    const { owner, general } = await community();
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "red" } }).png().toBuffer();
    const exe = await upload(owner, general.id, "setup.exe", png);
    expect(exe.body).toMatchObject({ contentType: "image/png", kind: "image", filename: "setup.exe" });

    const html = await upload(owner, general.id, "cute-cat.png", Buffer.from("<!doctype html><html><script>alert(1)</script></html>"));
    expect(html.body.kind).toBe("file");
    const svg = await upload(owner, general.id, "logo.svg", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
    expect(svg.body.kind).toBe("file");
    for (const file of [html.body, svg.body]) {
      const served = await owner.download(file.url);
      expect(served.headers.get("content-disposition")).toMatch(/^attachment/);
      expect(served.headers.get("content-type")).not.toMatch(/html|svg|xml/);
      expect(served.headers.get("x-content-type-options")).toBe("nosniff");
      expect(served.headers.get("content-security-policy")).toContain("sandbox");
    }
    // The browser's name is only a label: no paths survive.
    const sneaky = await upload(owner, general.id, "../../etc/passwd", Buffer.from("root:x:0:0"));
    expect(sneaky.body.filename).toBe("passwd");
  });

  it("refuses a 20,000 × 20,000 PNG from its header, without decoding it", async () => {
    const { owner, general } = await community();
    const bomb = pngClaiming(20_000, 20_000);
    const before = process.memoryUsage().rss;
    const res = await upload(owner, general.id, "bomb.png", bomb);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("IMAGE_TOO_LARGE");
    // Decoding it would need 1.2 GB; reading the header needs next to nothing.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it("only lets a message carry its author's own unsent uploads from that channel", async () => {
    const { owner, member, general } = await community();
    const mine = (await upload(owner, general.id, "a.txt", Buffer.from("owner's file"))).body;
    const theirs = await member.post<ErrorBody>(`/api/v1/channels/${general.id}/messages`, { content: "look", attachmentIds: [mine.id] });
    expect(theirs.status).toBe(400);
    expect((await owner.post(`/api/v1/channels/${general.id}/messages`, { content: "mine", attachmentIds: [mine.id] })).status).toBe(201);
    // Files keep the order the sender gave, in the reply and in history.
    const first = (await upload(owner, general.id, "1.txt", Buffer.from("one"))).body;
    const second = (await upload(owner, general.id, "2.txt", Buffer.from("two"))).body;
    const ordered = (await owner.post<Message>(`/api/v1/channels/${general.id}/messages`, { content: "", attachmentIds: [second.id, first.id] })).body;
    expect(ordered.attachments.map((a) => a.filename)).toEqual(["2.txt", "1.txt"]);
    const stored = (await owner.get<Message[]>(`/api/v1/channels/${general.id}/messages`)).body.find((m) => m.id === ordered.id)!;
    expect(stored.attachments.map((a) => a.filename)).toEqual(["2.txt", "1.txt"]);
    // Once sent, it cannot be sent again.
    expect((await owner.post(`/api/v1/channels/${general.id}/messages`, { content: "again", attachmentIds: [mine.id] })).status).toBe(400);
    expect((await owner.post(`/api/v1/channels/${general.id}/messages`, { content: "", attachmentIds: [] })).status).toBe(400);
  });

  it("deleting a message hides its files at once and frees their bytes after the grace period", async () => {
    const { owner, member, general } = await community();
    const up = (await upload(owner, general.id, "notes.txt", Buffer.from("temporary"))).body;
    const msg = (await owner.post<Message>(`/api/v1/channels/${general.id}/messages`, { content: "", attachmentIds: [up.id] })).body;
    expect((await owner.request("DELETE", `/api/v1/channels/${general.id}/messages/${msg.id}`)).status).toBe(204);
    expect((await member.download(up.url)).status).toBe(404);
    expect(await collectFiles(t.server.services)).toBeGreaterThanOrEqual(1);
    expect(await t.server.services.files.get(`a/${up.id}/original`)).toBeNull();
  });

  it("deleting a server frees its files too, and leaves other servers' files alone", async () => {
    const { owner, server, general } = await community();
    const other = await community();
    const doomed = (await upload(owner, general.id, "doomed.txt", Buffer.from("bye"))).body;
    await owner.post(`/api/v1/channels/${general.id}/messages`, { content: "", attachmentIds: [doomed.id] });
    const kept = (await upload(other.owner, other.general.id, "kept.txt", Buffer.from("stay"))).body;
    await other.owner.post(`/api/v1/channels/${other.general.id}/messages`, { content: "", attachmentIds: [kept.id] });
    expect((await owner.request("DELETE", `/api/v1/servers/${server.id}`, { confirmName: "Guild" })).status).toBe(204);
    await collectFiles(t.server.services);
    expect(await t.server.services.files.get(`a/${doomed.id}/original`)).toBeNull();
    expect(await t.server.services.files.get(`a/${kept.id}/original`)).not.toBeNull();
    expect((await other.member.download(kept.url)).status).toBe(200);
  });

  it("sets avatars and server icons through the same pipeline, cropped square", async () => {
    const { owner, member, server } = await community();
    const wide = await sharp({ create: { width: 300, height: 120, channels: 3, background: "#0a0" } }).png().toBuffer();
    const me = await owner.upload<SelfUser>("/api/v1/users/@me/avatar", "me.png", wide, "PUT");
    expect(me.status).toBe(200);
    expect(me.body.image).toMatch(new RegExp(`^/api/v1/avatars/${owner.user!.id}/[a-z0-9]+$`));
    const small = await t.client().download(`${me.body.image}?size=64`);
    expect(small.status).toBe(200);
    expect(small.headers.get("cache-control")).toContain("immutable");
    expect(await sharp(small.bytes).metadata()).toMatchObject({ width: 64, height: 64, format: "webp" });
    const notImage = await owner.upload<ErrorBody>("/api/v1/users/@me/avatar", "me.png", Buffer.from("just text"), "PUT");
    expect(notImage.body.error.code).toBe("FILE_NOT_ALLOWED");
    const cleared = await owner.request<SelfUser>("DELETE", "/api/v1/users/@me/avatar");
    expect(cleared.body.image).toBeNull();
    expect((await t.client().download(`${me.body.image}?size=64`)).status).toBe(404);

    expect((await member.upload(`/api/v1/servers/${server.id}/icon`, "icon.png", wide, "PUT")).status).toBe(403);
    const icon = await owner.upload<Server>(`/api/v1/servers/${server.id}/icon`, "icon.png", wide, "PUT");
    expect(icon.body.icon).toMatch(/^\/api\/v1\/icons\//);
    // No URL from a client is ever stored as an icon.
    expect((await owner.request("PATCH", `/api/v1/servers/${server.id}`, { icon: "https://tracker.example/pixel.gif" })).status).toBe(400);
  });
});

describe("uploads stored on S3", () => {
  let t: TestServer;
  let s3: S3Standin;
  beforeAll(async () => {
    s3 = await startS3Standin("giga-chat-uploads");
    t = await startTestServer("pglite", {
      env: {
        S3_ENDPOINT: s3.endpoint,
        S3_BUCKET: s3.bucket,
        S3_ACCESS_KEY_ID: s3.accessKeyId,
        S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
        FILE_GRACE_SECONDS: "0",
      },
    });
  });
  afterAll(async () => {
    await t?.close();
    await s3?.stop();
  });

  it("uploads, serves and frees files through the S3 driver, animation kept", async () => {
    expect(t.server.services.files.kind).toBe("s3");
    const owner = t.client();
    await owner.signUp("Owner");
    const server = (await owner.post<Server>("/api/v1/servers", { name: "Guild" })).body;
    const [general] = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
    // A two-frame animated GIF.
    const frame = (color: string) => sharp({ create: { width: 32, height: 24, channels: 3, background: color } }).png().toBuffer();
    const gif = await sharp([await frame("red"), await frame("blue")], { join: { animated: true } }).gif().toBuffer();
    const up = await owner.upload<Attachment>(`/api/v1/channels/${general!.id}/attachments`, "blink.gif", gif);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ contentType: "image/gif", width: 32, height: 24 });
    const served = await owner.download(up.body.url);
    expect(served.status).toBe(200);
    expect((await sharp(served.bytes, { animated: true }).metadata()).pages).toBe(2);
    const msg = (await owner.post<Message>(`/api/v1/channels/${general!.id}/messages`, { content: "", attachmentIds: [up.body.id] })).body;
    await owner.request("DELETE", `/api/v1/channels/${general!.id}/messages/${msg.id}`);
    expect(await collectFiles(t.server.services)).toBe(1);
    expect(await t.server.services.files.get(`a/${up.body.id}/original`)).toBeNull();
  });
});

describe("upload limits", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer("pglite", { env: { UPLOAD_MAX_MB: "1" } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses a file over the operator's limit", async () => {
    const owner = t.client();
    await owner.signUp("Owner");
    const server = (await owner.post<Server>("/api/v1/servers", { name: "Guild" })).body;
    const [general] = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
    const res = await owner.upload<ErrorBody>(`/api/v1/channels/${general!.id}/attachments`, "big.bin", Buffer.alloc(2 * 1024 * 1024, 7));
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("FILE_TOO_LARGE");
  });
});
