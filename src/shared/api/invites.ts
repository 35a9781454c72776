/** Invites: make, preview, join. */
import { z } from "zod";
import { limits } from "../limits";

/** The expiry choices the UI offers, in seconds (0 = never). */
export const inviteMaxAges = [1800, 3600, 86400, 604800, 0] as const;

export const createInviteInput = z.strictObject({
  /** Seconds until the invite expires; 0 = never. */
  maxAge: z
    .number()
    .int()
    .refine((n) => (inviteMaxAges as readonly number[]).includes(n), "must be 1800, 3600, 86400, 604800 or 0")
    .default(604800),
  /** 0 = unlimited. */
  maxUses: z.number().int().min(0).max(limits.inviteMaxUsesMax).default(0),
});

export type CreateInviteInput = z.input<typeof createInviteInput>;

export interface Invite {
  code: string;
  serverId: string;
  channelId: string | null;
  inviterId: string;
  maxUses: number;
  uses: number;
  expiresAt: string | null;
  createdAt: string;
}

export interface InvitePreview {
  code: string;
  server: { id: string; name: string; icon: string | null };
  memberCount: number;
  expiresAt: string | null;
}
