/**
 * Which of the server menu's entries a person may use, for both places it opens: the
 * server's header (which also creates channels) and a right click on its rail icon (which
 * also marks it read). One rule, so the two menus never disagree. Plain values only: the
 * header's code loads it with the first screen, the menu itself loads on use.
 */
import { Permission } from "@/shared/permissions";
import type { Access } from "../../hooks/use-access";
import { visibleServerTabs } from "../settings/server-tabs";
import type { ServerMenuChoice } from "./server-menu";

export function serverMenuAllowed(access: Access, where: "header" | "rail", serverLoaded: boolean): Record<ServerMenuChoice, boolean> {
  const mayCreate = where === "header" && access.can(Permission.ManageChannels);
  return {
    "mark-read": where === "rail",
    invite: access.can(Permission.CreateInvite),
    settings: visibleServerTabs(access).length > 0,
    notifications: true,
    "create-channel": mayCreate,
    "create-category": mayCreate,
    leave: serverLoaded && !access.isOwner,
  };
}
