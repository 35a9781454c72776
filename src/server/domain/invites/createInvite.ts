import { randomBytes } from "node:crypto";
import { Permission } from "@/shared/permissions";
import { invites } from "../../db/schema";
import { requirePermission, requireServerAccess } from "../../policies/access";
import { presentInvite } from "../../presenters";
import type { CommandContext } from "../context";

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

/** 10 characters from a 57-letter alphabet: ~58 bits, not guessable. */
export function newInviteCode(length = 10): string {
  const bytes = randomBytes(length * 2);
  let code = "";
  for (let i = 0; code.length < length && i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 228) code += ALPHABET[b % ALPHABET.length]; // 228 = 4 * 57: no modulo bias
  }
  return code.length === length ? code : newInviteCode(length);
}

export async function createInvite(
  props: { serverId: bigint; maxAge: number; maxUses: number },
  { actor, tx }: CommandContext,
) {
  const access = await requireServerAccess(tx, props.serverId, actor.id);
  requirePermission(access.permissions, Permission.CreateInvite);
  const [row] = await tx
    .insert(invites)
    .values({
      code: newInviteCode(),
      serverId: props.serverId,
      inviterId: actor.id,
      maxUses: props.maxUses,
      expiresAt: props.maxAge === 0 ? null : new Date(Date.now() + props.maxAge * 1000),
    })
    .returning();
  return presentInvite(row!);
}
