/**
 * A person's appearance (theme, message display, font size): read, and changed with one
 * upsert. A change is told to the person's own sockets only, so their other devices follow.
 */
import { eq } from "drizzle-orm";
import { defaultAppearance, type Appearance, type UpdateAppearanceInput } from "@/shared/api";
import { userAppearance } from "../../db/schema";
import { presentAppearance } from "../../presenters/appearance";
import { defineCommand, defineQuery } from "../context";

export const getAppearance = defineQuery(async (_input: Record<string, never>, ctx): Promise<Appearance> => {
  const [row] = await ctx.tx.select().from(userAppearance).where(eq(userAppearance.userId, ctx.actor.id));
  return row ? presentAppearance(row) : { ...defaultAppearance };
});

/** Only the fields given change; the reply and the event carry the whole appearance. */
export const updateAppearance = defineCommand(
  { transaction: false },
  async (input: UpdateAppearanceInput, ctx): Promise<Appearance> => {
    const set = { ...input, updatedAt: new Date() };
    const [row] = await ctx.tx
      .insert(userAppearance)
      .values({ ...defaultAppearance, ...set, userId: ctx.actor.id })
      .onConflictDoUpdate({ target: userAppearance.userId, set })
      .returning();
    const appearance = presentAppearance(row!);
    ctx.record({ type: "user.appearance.updated", userId: ctx.actor.id, appearance });
    return appearance;
  },
);
