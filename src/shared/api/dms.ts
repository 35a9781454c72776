/** Direct conversations (1:1 and groups) and who may start one. */
import { z } from "zod";
import { limits } from "../limits";
import type { PublicUser } from "./users";

/** Open a conversation: one person (1:1, reopened if it exists) or several (a new group). */
export const openDmInput = z.union([
  z.object({ recipientId: z.string().min(1).max(64) }),
  z.object({
    recipientIds: z.array(z.string().min(1).max(64)).min(1).max(limits.groupDmMax - 1),
    name: z.string().trim().max(limits.groupDmNameMax).nullish(),
  }),
]);

export type OpenDmInput = z.input<typeof openDmInput>;

export const updateGroupDmInput = z
  .object({
    name: z.string().trim().max(limits.groupDmNameMax).nullable(),
    /** An emoji standing in for the group's picture until uploads land; null for the default. */
    icon: z.string().trim().min(1).max(16).nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");

export type UpdateGroupDmInput = z.input<typeof updateGroupDmInput>;

export const dmSettingsInput = z.object({ allowDms: z.boolean() });

export type DmSettings = z.infer<typeof dmSettingsInput>;

/** A direct conversation: a channel without a server, belonging to the people in it. */
export interface DmChannel {
  id: string;
  type: "dm" | "group_dm";
  /** A group's name; null for 1:1 and unnamed groups (shown as the people's names). */
  name: string | null;
  /** A group's emoji icon, or null. */
  icon: string | null;
  /** Who created the group (may remove people); null for 1:1. */
  ownerId: string | null;
  /** Everyone in it but the reader. */
  recipients: PublicUser[];
  /** Newest message id, for ordering the list and unread state; null when empty. */
  lastMessageId: string | null;
}
