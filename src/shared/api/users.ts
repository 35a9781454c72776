/** People: profiles, usernames, custom status, sessions, presence, account deletion. */
import { z } from "zod";
import { limits } from "../limits";
import { text } from "./common";

/** Discord's username rules; the reason is shown as the person types. */
export function usernameProblem(username: string): string | null {
  if (username.length < limits.usernameMin || username.length > limits.usernameMax)
    return `Must be between ${limits.usernameMin} and ${limits.usernameMax} characters.`;
  if (!/^[a-z0-9_.]+$/.test(username)) return "Use only lowercase letters, numbers, underscores and periods.";
  if (username.includes("..")) return "Cannot contain two periods in a row.";
  return null;
}

export const usernameSchema = text({ max: 200, trim: true })
  .transform((s) => s.toLowerCase())
  .superRefine((s, ctx) => {
    const problem = usernameProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const customStatusInput = z.strictObject({
  text: text({ min: 1, max: limits.customStatusMax, trim: true }),
  expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
});

export const updateProfileInput = z
  .strictObject({
    name: text({ min: 1, max: limits.userNameMax, trim: true }),
    username: usernameSchema,
    about: text({ max: limits.aboutMax, lines: true }),
    bannerColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, "must be a color like #5865f2")
      .transform((s) => s.toLowerCase())
      .nullable(),
    customStatus: customStatusInput.nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");

export type UpdateProfileInput = z.input<typeof updateProfileInput>;

export const usernameCheckQuery = z.strictObject({ username: text({ max: 200 }) });

/** Deleting an account asks for the password (when it has one) and a 2FA code (when on). */
export const deleteAccountInput = z.strictObject({
  password: z.string().max(limits.passwordMax).optional(),
  code: text({ max: 32, trim: true }).optional(),
});

export type DeleteAccountInput = z.input<typeof deleteAccountInput>;

// In a file without zod, so the browser can have the list without the schemas.
export { presenceStatuses, type PresenceStatus } from "./presence";

export interface PublicUser {
  id: string;
  name: string;
  image: string | null;
}

export interface CustomStatus {
  text: string;
  /** ISO time the status clears itself, or null for never. */
  expiresAt: string | null;
}

/** What a profile card shows: to oneself and to people who share a server. */
export interface UserProfile extends PublicUser {
  username: string;
  about: string;
  /** `#rrggbb`, or null for the color derived from the avatar. */
  bannerColor: string | null;
  customStatus: CustomStatus | null;
  createdAt: string;
  /** The account was deleted; its messages stay, shown as "Deleted user". */
  deleted: boolean;
}

export interface SelfUser extends UserProfile {
  email: string;
  emailVerified: boolean;
  twoFactorEnabled: boolean;
  /** Has an email + password sign-in (social-only accounts set one through a reset link). */
  hasPassword: boolean;
}

export interface UserSession {
  id: string;
  /** The session this request came with. */
  current: boolean;
  /** "Chrome on Linux", from the user agent; null when unknown. */
  device: string | null;
  ipAddress: string | null;
  createdAt: string;
  lastActiveAt: string;
}

/** Sign-in methods the operator configured, for the sign-in and sign-up pages. */
export interface AuthProviders {
  social: { id: string; name: string }[];
  /** Verification and reset emails go out (SMTP configured) rather than to the server log. */
  emailDelivery: boolean;
}

export interface UsernameCheck {
  username: string;
  available: boolean;
  /** Why it cannot be used, when it cannot. */
  reason?: string;
}

export interface Presence {
  userId: string;
  status: "online" | "idle" | "dnd" | "offline";
}
