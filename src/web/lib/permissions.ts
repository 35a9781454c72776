import { has, Permission } from "@/shared/permissions";

/**
 * The server sends effective permissions as decimal strings; a missing or bad value
 * grants nothing. Administrator implies everything, as it does on the server.
 */
export function can(permissions: string | undefined, flag: bigint): boolean {
  if (!permissions || !/^\d+$/.test(permissions)) return false;
  const held = BigInt(permissions);
  return has(held, Permission.Administrator) || has(held, flag);
}

/** Parses a decimal bitfield from the API; anything malformed counts as no permissions. */
export function bits(value: string | undefined): bigint {
  return value && /^\d+$/.test(value) ? BigInt(value) : 0n;
}

/** A channel is private when the everyone role (the server's id) is denied View Channel on it. */
export function isPrivateChannel(channel: { serverId: string | null; overwrites: { id: string; deny: string }[] }): boolean {
  const everyone = channel.overwrites.find((o) => o.id === channel.serverId);
  return !!channel.serverId && has(bits(everyone?.deny), Permission.ViewChannel);
}
