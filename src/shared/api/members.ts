/** Members of a server: roles, timeouts, kicks and bans. */
import { z } from "zod";
import { limits } from "../limits";
import { snowflake, text } from "./common";
import type { PublicUser } from "./users";

const reasonSchema = text({ max: limits.auditReasonMax, lines: true });

export const updateMemberInput = z
  .strictObject({
    /** The member's full role list (the everyone role is implied and ignored). */
    roles: z.array(snowflake).max(250).optional(),
    /** ISO time until which the member is timed out; null lifts it. At most 28 days ahead. */
    timeoutUntil: z.string().datetime({ offset: true }).nullish(),
    nickname: text({ max: limits.userNameMax, trim: true }).nullish(),
    reason: reasonSchema.optional(),
  })
  .refine((v) => [v.roles, v.timeoutUntil, v.nickname].some((x) => x !== undefined), "nothing to change");

export type UpdateMemberInput = z.input<typeof updateMemberInput>;

export const kickInput = z.strictObject({ reason: reasonSchema.optional() });

export const banDeleteWindows = [0, 3600, 86400, 604800] as const;

export const banInput = z.strictObject({
  reason: reasonSchema.optional(),
  /** Also delete this person's messages from the last hour, day or week. */
  deleteMessageSeconds: z
    .number()
    .int()
    .refine((n) => (banDeleteWindows as readonly number[]).includes(n), "must be 0, 3600, 86400 or 604800")
    .default(0),
});

export type BanInput = z.input<typeof banInput>;

export interface Member {
  serverId: string;
  user: PublicUser;
  nickname: string | null;
  roleIds: string[];
  joinedAt: string;
  timeoutUntil: string | null;
}

export interface Ban {
  user: PublicUser;
  reason: string | null;
  createdAt: string;
}
