/** Members of a server: roles, timeouts, kicks and bans. */
import { z } from "zod";
import { limits } from "../limits";
import { idSchema } from "./common";
import type { PublicUser } from "./users";

export const updateMemberInput = z.object({
  /** The member's full role list (the everyone role is implied and ignored). */
  roles: z.array(idSchema).max(250).optional(),
  /** ISO time until which the member is timed out; null lifts it. At most 28 days ahead. */
  timeoutUntil: z.string().datetime({ offset: true }).nullish(),
  nickname: z.string().trim().max(limits.userNameMax).nullish(),
  reason: z.string().max(limits.auditReasonMax).optional(),
});

export type UpdateMemberInput = z.input<typeof updateMemberInput>;

export const kickInput = z.object({ reason: z.string().max(limits.auditReasonMax).optional() });

export const banDeleteWindows = [0, 3600, 86400, 604800] as const;

export const banInput = z.object({
  reason: z.string().max(limits.auditReasonMax).optional(),
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
