import type { Member } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import type { Access } from "../../hooks/use-access";

/** Which actions the server will accept from me on this member (permission and hierarchy). */
export function memberActions(access: Access, member: Member) {
  const above = access.outranks(member);
  const roles = access.can(Permission.ManageRoles) && (above || member.user.id === access.myId);
  const timeout = above && access.can(Permission.ModerateMembers) && !access.isAdministrator(member);
  const kick = above && access.can(Permission.KickMembers);
  const ban = above && access.can(Permission.BanMembers);
  return { roles, timeout, kick, ban, any: roles || timeout || kick || ban };
}
