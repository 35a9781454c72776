/**
 * Avatars and server icons: the same upload pipeline as attachments (bytes decide the
 * type, pixel limit from the header), cropped square in four sizes, served publicly
 * under an unguessable, immutable URL that changes with every upload.
 */
import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { eq } from "drizzle-orm";
import { limits } from "@/shared/limits";
import { Permission } from "@/shared/permissions";
import { newId } from "../../db/snowflake";
import { servers, user } from "../../db/schema";
import { errors } from "../../errors";
import { SQUARE_SIZES, detectType, imageInfo, isRasterImage, squareCrops } from "../../files/inspect";
import { receiveFile } from "../../files/receive";
import { requirePermission, requireServerAccess } from "../../policies/access";
import { presentCustomStatus, presentServer, presentUser } from "../../presenters";
import type { Services } from "../../services";
import { type Actor, executeLegacy } from "../context";
import { serverIdsOf } from "../users/profile";
import { tmpDirOf } from "./attachments";

const keyOf = (prefix: string, size: number) => `${prefix}/${size}.webp`;

/** Receives an image, stores its square sizes under `<base>/<random>/`; returns that prefix's id. */
async function storeSquare(services: Services, request: Request, base: string): Promise<string> {
  const upload = await receiveFile(request, { maxBytes: limits.avatarMaxBytes, tmpDir: tmpDirOf(services) });
  const outputFor = (size: number) => `${upload.path}.${size}.webp`;
  try {
    if (!isRasterImage(await detectType(upload.path))) {
      throw errors.fileNotAllowed("Choose a PNG, JPEG, GIF, WebP or AVIF image.");
    }
    await imageInfo(upload.path); // refuses oversized images from the header alone
    const hash = newId().toString(36);
    await squareCrops(upload.path, outputFor);
    for (const size of SQUARE_SIZES) {
      const file = outputFor(size);
      await services.files.put(keyOf(`${base}/${hash}`, size), createReadStream(file), {
        contentType: "image/webp",
        size: (await stat(file)).size,
      });
    }
    return hash;
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

export async function setAvatar(services: Services, actor: Actor, request: Request | null) {
  const base = `u/${actor.id}`;
  const hash = request ? await storeSquare(services, request, base) : null;
  const [before] = await services.db.select({ image: user.image }).from(user).where(eq(user.id, actor.id));
  const image = hash ? `/api/v1/avatars/${actor.id}/${hash}` : null;
  const updated = await executeLegacy(services, actor, async (ctx) => {
    const [row] = await ctx.tx.update(user).set({ image, updatedAt: new Date() }).where(eq(user.id, actor.id)).returning();
    ctx.record({
      type: "user.updated",
      userId: actor.id,
      serverIds: await serverIdsOf(ctx.tx, actor.id),
      user: presentUser(row!),
      customStatus: presentCustomStatus(row!),
    });
    return row!;
  });
  await forget(services, before?.image ?? null, base);
  return updated;
}

export async function setServerIcon(services: Services, actor: Actor, serverId: bigint, request: Request | null) {
  const access = await requireServerAccess(services.db, serverId, actor.id);
  requirePermission(access.permissions, Permission.ManageServer);
  const base = `s/${serverId}`;
  const hash = request ? await storeSquare(services, request, base) : null;
  const [before] = await services.db.select({ icon: servers.icon }).from(servers).where(eq(servers.id, serverId));
  const icon = hash ? `/api/v1/icons/${serverId}/${hash}` : null;
  const server = await executeLegacy(services, actor, async (ctx) => {
    const [row] = await ctx.tx.update(servers).set({ icon }).where(eq(servers.id, serverId)).returning();
    const presented = presentServer(row!);
    ctx.record({ type: "server.updated", server: presented });
    return presented;
  });
  await forget(services, before?.icon ?? null, base);
  return server;
}

/** The square size to send for a requested one: the smallest stored that is at least as big. */
export function pickSize(requested: number): number {
  const ascending = [...SQUARE_SIZES].sort((a, b) => a - b);
  return ascending.find((s) => s >= requested) ?? ascending[ascending.length - 1]!;
}

export async function serveSquare(services: Services, base: string, hash: string, requested: number) {
  if (!/^[a-z0-9]{1,20}$/.test(hash)) return null;
  return services.files.get(keyOf(`${base}/${hash}`, pickSize(requested)));
}
