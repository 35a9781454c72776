"use client";

import { lazyDialog, lazyPart } from "../ui/lazy";

// The server menu and the dialogs it opens load when first used, not with the channel list.
export type { ServerMenuChoice } from "./server-menu";

export const ServerMenu = lazyPart(() => import("./server-menu").then((m) => m.ServerMenu));
export const LeaveServerDialog = lazyDialog(() => import("./server-menu").then((m) => m.LeaveServerDialog));
export const InviteDialog = lazyDialog(() => import("./invite-dialog").then((m) => m.InviteDialog));
export const CreateChannelDialog = lazyDialog(() => import("./create-channel-dialog").then((m) => m.CreateChannelDialog));

// The status picker's menu loads when the user panel first opens it.
export const StatusMenu = lazyPart(() => import("./status-menu").then((m) => m.StatusMenu));
