/** Direct conversations (1:1 and groups) and who may start one. */
import { z } from "zod";
import { limits } from "../limits";
import { text, userIdSchema } from "./common";
import { emojiSchema } from "./messages";
import type { PublicUser } from "./users";

/** Open a conversation: one person (1:1, reopened if it exists) or several (a new group). */
export const openDmInput = z.union([
  z.strictObject({ recipientId: userIdSchema }),
  z.strictObject({
    recipientIds: z.array(userIdSchema).min(1).max(limits.groupDmMax - 1),
    name: text({ max: limits.groupDmNameMax, trim: true }).nullish(),
  }),
]);

export type OpenDmInput = z.input<typeof openDmInput>;

export const updateGroupDmInput = z
  .strictObject({
    name: text({ max: limits.groupDmNameMax, trim: true }).nullable(),
    /** An emoji standing in for the group's picture until uploads land; null for the default. */
    icon: emojiSchema.nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");

export type UpdateGroupDmInput = z.input<typeof updateGroupDmInput>;

export const dmSettingsInput = z.strictObject({ allowDms: z.boolean() });

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
