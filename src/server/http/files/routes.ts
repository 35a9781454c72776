import { Readable } from "node:stream";
import { Hono } from "hono";
import { z } from "zod";
import { execute } from "../../domain/context";
import { serveAttachment, uploadAttachment } from "../../domain/files/attachments";
import { serveSquare, setAvatar, setServerIcon } from "../../domain/files/images";
import { errors } from "../../errors";
import { uploadFrom } from "../../files/receive";
import type { StoredFile } from "../../storage";
import { type AppEnv, actorOf, actorOrAnonymous, idParam, parse, userIdParam } from "../middleware";

const sizeQuery = z.strictObject({ size: z.coerce.number().int().min(16).max(4096).default(128) });

const toWeb = (body: NodeJS.ReadableStream) => Readable.toWeb(body as Readable) as unknown as ReadableStream;

function squareResponse(file: StoredFile | null): Response {
  if (!file) throw errors.notFound("Image");
  return new Response(toWeb(file.body), {
    headers: {
      "content-type": "image/webp",
      "content-length": String(file.size),
      "x-content-type-options": "nosniff",
      // The URL changes with every upload, so what it names never changes.
      "cache-control": "public, max-age=31536000, immutable",
    },
  });
}

/** Mounted under /api/v1: uploads, attachments, avatars and server icons. */
export const fileRoutes = new Hono<AppEnv>()
  // Uploads reach the commands unread: each checks permissions before reading the body.
  .post("/channels/:channelId/attachments", async (c) => {
    const actor = actorOf(c);
    const channelId = idParam(c, "channelId");
    return c.json(await execute(c.get("services"), actor, uploadAttachment, { channelId, receive: uploadFrom(c.req.raw) }), 201);
  })
  .get("/attachments/:attachmentId/:filename", async (c) => {
    const actor = actorOf(c);
    const served = await execute(c.get("services"), actor, serveAttachment, {
      attachmentId: idParam(c, "attachmentId"),
      thumb: c.req.query("thumb") === "1",
      range: c.req.header("range"),
    });
    return new Response(toWeb(served.body), { status: served.status, headers: served.headers });
  })
  .put("/users/@me/avatar", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, setAvatar, { receive: uploadFrom(c.req.raw) }));
  })
  .delete("/users/@me/avatar", async (c) => {
    const actor = actorOf(c);
    return c.json(await execute(c.get("services"), actor, setAvatar, { receive: null }));
  })
  .put("/servers/:serverId/icon", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    return c.json(await execute(c.get("services"), actor, setServerIcon, { serverId, receive: uploadFrom(c.req.raw) }));
  })
  .delete("/servers/:serverId/icon", async (c) => {
    const actor = actorOf(c);
    const serverId = idParam(c, "serverId");
    return c.json(await execute(c.get("services"), actor, setServerIcon, { serverId, receive: null }));
  })
  // Avatars and icons are public, like Discord's: the URL itself is the secret-free name.
  .get("/avatars/:userId/:hash", async (c) => {
    const userId = userIdParam(c);
    const { size } = parse(sizeQuery, c.req.query());
    return squareResponse(await execute(c.get("services"), actorOrAnonymous(c), serveSquare, { base: `u/${userId}`, hash: c.req.param("hash"), size }));
  })
  .get("/icons/:serverId/:hash", async (c) => {
    const serverId = idParam(c, "serverId");
    const { size } = parse(sizeQuery, c.req.query());
    return squareResponse(await execute(c.get("services"), actorOrAnonymous(c), serveSquare, { base: `s/${serverId}`, hash: c.req.param("hash"), size }));
  });
