import { has, Permission } from "@/shared/permissions";

/**
 * The server sends effective permissions as decimal strings; a missing or bad value
 * grants nothing. Administrator implies everything, as it does on the server.
 */
export function can(permissions: string | undefined, flag: bigint): boolean {
  if (!permissions || !/^\d+$/.test(permissions)) return false;
  const bits = BigInt(permissions);
  return has(bits, Permission.Administrator) || has(bits, flag);
}
