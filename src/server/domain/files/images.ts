/**
 * Avatars and server icons: the same upload pipeline as attachments (bytes decide the
 * type, pixel limit from the header), cropped square in four sizes, served publicly
 * under an unguessable, immutable URL that changes with every upload.
 */
import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { eq } from "drizzle-orm";
import type { SelfUser } from "@/shared/api";
import { limits } from "@/shared/limits";
import { Permission } from "@/shared/permissions";
import { newId } from "../../db/snowflake";
import { servers, user } from "../../db/schema";
import { errors } from "../../errors";
import { SQUARE_SIZES, detectType, imageInfo, isRasterImage, squareCrops } from "../../files/inspect";
import type { ReceiveUpload } from "../../files/receive";
import { requirePermission, requireServerAccess } from "../../policies/access";
import { presentCustomStatus, presentSelf, presentServer, presentUser } from "../../presenters";
import type { Services } from "../../services";
import { storageFullOr } from "../../storage/disk-full";
import { defineCommand, defineQuery } from "../context";
import { hasPassword, serverIdsOf } from "../users/profile";
import { tmpDirOf } from "./attachments";

const keyOf = (prefix: string, size: number) => `${prefix}/${size}.webp`;

/** Receives an image, stores its square sizes under `<base>/<random>/`; returns that prefix's id. */
async function storeSquare(services: Services, receive: ReceiveUpload, base: string): Promise<string> {
  const upload = await receive({ maxBytes: limits.avatarMaxBytes, tmpDir: tmpDirOf(services) });
  const outputFor = (size: number) => `${upload.path}.${size}.webp`;
  // Sizes stored so far: removed again if a later one fails (a full disk, say).
  const stored: string[] = [];
  try {
    if (!isRasterImage(await detectType(upload.path))) {
      throw errors.fileNotAllowed("Choose a PNG, JPEG, GIF, WebP or AVIF image.");
    }
    await imageInfo(upload.path); // refuses oversized images from the header alone
    const hash = newId().toString(36);
    await squareCrops(upload.path, outputFor);
    for (const size of SQUARE_SIZES) {
      const file = outputFor(size);
      const key = keyOf(`${base}/${hash}`, size);
      await services.files.put(key, createReadStream(file), {
        contentType: "image/webp",
        size: (await stat(file)).size,
      });
      stored.push(key);
    }
    return hash;
  } catch (err) {
    await services.files.delete(stored).catch(() => undefined);
    throw storageFullOr(err);
  } finally {
    await upload.discard();
    for (const size of SQUARE_SIZES) await rm(outputFor(size), { force: true });
  }
}

/** The stored prefix behind one of our image URLs, to delete it when replaced. */
async function forget(services: Services, url: string | null, base: string) {
  const hash = url?.split("/").pop();
  if (hash && /^[a-z0-9]+$/.test(hash)) await services.files.delete(SQUARE_SIZES.map((s) => keyOf(`${base}/${hash}`, s)));
}

/**
 * Sets (an upload) or removes (null) the actor's avatar. Its one write is the user row;
 * the image is stored before it and the replaced one deleted after it.
 */
export const setAvatar = defineCommand(
  { transaction: false },
  async (input: { receive: ReceiveUpload | null }, ctx): Promise<SelfUser> => {
    const { actor, services } = ctx;
    const base = `u/${actor.id}`;
    const hash = input.receive ? await storeSquare(services, input.receive, base) : null;
    const [before] = await ctx.tx.select({ image: user.image }).from(user).where(eq(user.id, actor.id));
    const image = hash ? `/api/v1/avatars/${actor.id}/${hash}` : null;
    const [row] = await ctx.tx.update(user).set({ image, updatedAt: new Date() }).where(eq(user.id, actor.id)).returning();
    ctx.record({
      type: "user.updated",
      userId: actor.id,
      serverIds: await serverIdsOf(ctx.tx, actor.id),
      user: presentUser(row!),
      customStatus: presentCustomStatus(row!),
    });
    await forget(services, before?.image ?? null, base);
    return presentSelf(row!, { hasPassword: await hasPassword(ctx.tx, actor.id) });
  },
);

/**
 * Sets (an upload) or removes (null) a server's icon, with Manage Server, checked before
 * the upload is read. Its one write is the server row.
 */
export const setServerIcon = defineCommand(
  { transaction: false },
  async (input: { serverId: bigint; receive: ReceiveUpload | null }, ctx) => {
    const { services } = ctx;
    const { serverId } = input;
    const access = await requireServerAccess(ctx.tx, serverId, ctx.actor.id);
    requirePermission(access.permissions, Permission.ManageServer);
    const base = `s/${serverId}`;
    const hash = input.receive ? await storeSquare(services, input.receive, base) : null;
    const [before] = await ctx.tx.select({ icon: servers.icon }).from(servers).where(eq(servers.id, serverId));
    const icon = hash ? `/api/v1/icons/${serverId}/${hash}` : null;
    const [row] = await ctx.tx.update(servers).set({ icon }).where(eq(servers.id, serverId)).returning();
    const server = presentServer(row!);
    ctx.record({ type: "server.updated", server });
    await forget(services, before?.icon ?? null, base);
    return server;
  },
);

/** The square size to send for a requested one: the smallest stored that is at least as big. */
export function pickSize(requested: number): number {
  const ascending = [...SQUARE_SIZES].sort((a, b) => a - b);
  return ascending.find((s) => s >= requested) ?? ascending[ascending.length - 1]!;
}

/** One stored size of an avatar (`u/<userId>`) or icon (`s/<serverId>`); null when there is none. */
export const serveSquare = defineQuery(async (input: { base: string; hash: string; size: number }, ctx) => {
  if (!/^[a-z0-9]{1,20}$/.test(input.hash)) return null;
  return ctx.services.files.get(keyOf(`${input.base}/${input.hash}`, pickSize(input.size)));
});
