/**
 * Our profile rules on better-auth's own doors. Its sign-up and update-user endpoints
 * take any name and any `image` URL; ours (PATCH /api/v1/users/@me) take a bounded,
 * non-blank name, and an avatar is only ever an upload served from our origin (a foreign
 * URL would be fetched by every viewer's browser: a tracking pixel, or `javascript:`).
 * The endpoints refuse what breaks the rules; accounts made by a provider (Google,
 * GitHub, OIDC), which nobody typed, are cleaned instead.
 */
import { APIError } from "better-auth/api";
import { updateProfileInput } from "@/shared/api";
import { limits } from "@/shared/limits";

/** Where our avatar uploads live (domain/files/images.ts names them). */
const OWN_AVATAR = /^\/api\/v1\/avatars\/[A-Za-z0-9_-]{1,64}\/[a-z0-9]{1,20}$/;

export const isOwnAvatarPath = (image: unknown): image is string => typeof image === "string" && OWN_AVATAR.test(image);

/** Zod's words for a wrong type are not for people. */
const nameProblem = (message: string | undefined) =>
  !message || message.startsWith("Invalid input") ? "must be text" : message;

function refuse(path: string, message: string): never {
  throw new APIError("BAD_REQUEST", { code: "VALIDATION_FAILED", message, details: [{ path, message }] });
}

/**
 * The body of `/sign-up/email` or `/update-user`, checked as our profile route checks
 * it. `currentImage` is the person's avatar now: sending it back unchanged is no change.
 */
export function checkProfileBody(body: unknown, opts: { requireName: boolean; currentImage?: string | null }) {
  const fields = (body && typeof body === "object" ? body : {}) as { name?: unknown; image?: unknown };
  if (fields.name !== undefined || opts.requireName) {
    const parsed = updateProfileInput.safeParse({ name: fields.name });
    if (!parsed.success) refuse("name", `The name ${nameProblem(parsed.error.issues[0]?.message)}.`);
  }
  if (fields.image !== undefined && fields.image !== (opts.currentImage ?? undefined)) {
    refuse("image", "Upload an avatar instead (PUT /api/v1/users/@me/avatar).");
  }
}

const CONTROL = /\p{Cc}/gu;

/** A name made to fit: no control characters, trimmed, at most the limit ("" when nothing is left). */
function fitName(name: unknown): string {
  const cleaned = (typeof name === "string" ? name : "").replace(CONTROL, "").trim();
  return [...cleaned].slice(0, limits.userNameMax).join("").trim();
}

/** A new user row: a name that fits (blank becomes the email's name), no image but our uploads. */
export function cleanNewUser<U extends { name: string; email: string; image?: string | null }>(user: U): U {
  const name = fitName(user.name) || fitName(user.email.split("@")[0]) || "Someone";
  return { ...user, name, image: isOwnAvatarPath(user.image) ? user.image : null };
}

/**
 * A change to a user row made through better-auth: the same rules. better-auth merges
 * what this returns over the change, so a field is dropped by setting it undefined; a
 * foreign image becomes no image.
 */
export function cleanUserUpdate<U extends { name?: string; image?: string | null }>(data: U): U {
  const out = { ...data };
  if ("image" in out && out.image !== null && !isOwnAvatarPath(out.image)) out.image = null;
  if ("name" in out) out.name = fitName(out.name) || undefined;
  return out;
}
