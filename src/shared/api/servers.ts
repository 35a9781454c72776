/** Servers: create, edit, delete; what a server looks like to its members. */
import { z } from "zod";
import { limits } from "../limits";
import { snowflake, text, userIdSchema } from "./common";

const serverNameSchema = text({ min: limits.serverNameMin, max: limits.serverNameMax, trim: true });

export const createServerInput = z.strictObject({ name: serverNameSchema });

export type CreateServerInput = z.infer<typeof createServerInput>;

export const updateServerInput = z
  .strictObject({
    name: serverNameSchema.optional(),
    /** Only removal here: an icon is uploaded (PUT /servers/:id/icon), never a URL from a client. */
    icon: z.null().optional(),
    /** Transfer ownership (owner only). */
    ownerId: userIdSchema.optional(),
    /** Where "joined the server" lines go: a text channel of this server, or null for none. */
    systemChannelId: snowflake.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "nothing to change");

export type UpdateServerInput = z.input<typeof updateServerInput>;

export const deleteServerInput = z.strictObject({ confirmName: text({ max: limits.serverNameMax + 100 }) });

export interface Server {
  id: string;
  name: string;
  icon: string | null;
  ownerId: string;
  /** The text channel for system lines (someone joined), or null: no system messages. */
  systemChannelId: string | null;
  createdAt: string;
}

export interface ServerDetail extends Server {
  memberCount: number;
  /** The requesting user's server-wide permissions, decimal bitfield string. */
  permissions: string;
  /** The requesting user's highest role position (owner: Infinity is sent as 1e9). */
  highestRolePosition: number;
}
