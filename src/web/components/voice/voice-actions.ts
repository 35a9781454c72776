import { Permission } from "@/shared/permissions";
import type { Access } from "../../hooks/use-access";

/** What a moderator may do to someone in a room; only the actions the server would accept. */
export function voiceActions(access: Access) {
  const move = access.can(Permission.MoveMembers);
  return { mute: access.can(Permission.MuteMembers), deafen: access.can(Permission.DeafenMembers), move, disconnect: move };
}

/** Whether a room's people get a context menu at all. */
export function mayModerateVoice(access: Access): boolean {
  const a = voiceActions(access);
  return a.mute || a.deafen || a.move;
}
