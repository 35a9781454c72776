/** Channels and categories, their names and permission overwrites. */
import { z } from "zod";
import { limits } from "../limits";
import { bitfieldSchema, snowflake, text, userIdSchema } from "./common";

export const channelTypes = ["text", "audio", "video", "category"] as const;

export type ChannelType = (typeof channelTypes)[number];

export const overwriteInput = z.strictObject({
  type: z.enum(["role", "member"]),
  allow: bitfieldSchema.default("0"),
  deny: bitfieldSchema.default("0"),
});

export type OverwriteInput = z.input<typeof overwriteInput>;

/** Whom an overwrite is for: a role id for `role`, a user id for `member`. */
export const overwriteTargetSchema = (type: "role" | "member") => (type === "role" ? snowflake : userIdSchema);

/** Either kind of target, where the type is not given (removing an overwrite). */
export const anyOverwriteTarget = z.union([snowflake, userIdSchema]);

/**
 * Text, audio and video channel names are slugs like Discord's (`off-topic`); category
 * names keep their case and spaces.
 */
export function channelName(type: ChannelType, name: string): string {
  return type === "category" ? name : name.toLowerCase().replace(/\s+/g, "-");
}

const channelNameSchema = text({ min: 1, max: limits.channelNameMax, trim: true });
const topicSchema = text({ max: limits.channelTopicMax, lines: true });

export const createChannelInput = z
  .strictObject({
    name: channelNameSchema,
    type: z.enum(channelTypes).default("text"),
    parentId: snowflake.nullish(),
    topic: topicSchema.nullish(),
    /** Overwrites to start with, e.g. everyone: deny View Channel for a private channel. */
    overwrites: z
      .array(
        overwriteInput
          .extend({ id: anyOverwriteTarget })
          .refine((o) => overwriteTargetSchema(o.type).safeParse(o.id).success, { message: "must be a role id for a role, a user id for a member", path: ["id"] }),
      )
      .max(100)
      .optional(),
  })
  .transform((v) => ({ ...v, name: channelName(v.type, v.name) }));

export type CreateChannelInput = z.input<typeof createChannelInput>;

/** The name is made a slug by the server when the channel is not a category. */
export const updateChannelInput = z
  .strictObject({
    name: channelNameSchema.optional(),
    topic: topicSchema.nullish(),
    parentId: snowflake.nullish(),
    position: z.number().int().min(0).max(10_000).optional(),
    slowmodeSeconds: z.number().int().min(0).max(limits.slowmodeMaxSeconds).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "nothing to change");

export type UpdateChannelInput = z.input<typeof updateChannelInput>;

/** Bulk reorder (drag and drop): new positions and, optionally, new categories. */
export const reorderChannelsInput = z
  .array(z.strictObject({ id: snowflake, position: z.number().int().min(0).max(10_000), parentId: snowflake.nullish() }))
  .min(1)
  .max(500);

export interface Overwrite {
  /** Role id or user id. */
  id: string;
  type: "role" | "member";
  allow: string;
  deny: string;
}

export interface Channel {
  id: string;
  serverId: string | null;
  parentId: string | null;
  name: string;
  type: ChannelType;
  topic: string | null;
  position: number;
  overwrites: Overwrite[];
  slowmodeSeconds: number;
  /** Newest message id, for unread state; null when empty. */
  lastMessageId: string | null;
  /** What the requesting user may do here, as a decimal bitfield string (see shared/permissions). */
  permissions?: string;
}
