/**
 * The role hierarchy, one rule for both sides: the server refuses with it
 * (`requireAbove`, `requireRoleBelow`), the browser offers only what it allows.
 *
 * A member stands at their highest role's position; the owner stands above every role.
 */

/** The owner's position: above any role (the server sends it as `highestRolePosition`). */
export const OWNER_POSITION = 1_000_000_000;

/** Where a member stands in a server. */
export interface Standing {
  isOwner: boolean;
  /** Their highest role's position, OWNER_POSITION for the owner. */
  highestPosition: number;
}

/** The everyone role sits at 0, and every member holds it, so nobody stands below 0. */
export function highestPosition(isOwner: boolean, rolePositions: Iterable<number>): number {
  return isOwner ? OWNER_POSITION : Math.max(0, ...rolePositions);
}

/** May act on this member (kick, ban, timeout, nickname, roles): the owner on anyone, others only below themselves, never on the owner. */
export function outranks(actor: Standing, target: Standing): boolean {
  if (actor.isOwner) return true;
  return !target.isOwner && target.highestPosition < actor.highestPosition;
}

/** May edit, give or take this role: the owner any, others only those strictly below their highest. */
export function mayManageRole(actor: Standing, rolePosition: number): boolean {
  return actor.isOwner || rolePosition < actor.highestPosition;
}
