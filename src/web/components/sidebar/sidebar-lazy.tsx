"use client";

import { lazyDialog, lazyPart } from "../ui/lazy";

// The server menu and the dialogs it opens load when first used, not with the channel list.
export type { ServerMenuChoice } from "./server-menu";

export const ServerMenu = lazyPart(() => import("./server-menu").then((m) => m.ServerMenu));
export const LeaveServerDialog = lazyDialog(() => import("./server-menu").then((m) => m.LeaveServerDialog));
export const InviteDialog = lazyDialog(() => import("./invite-dialog").then((m) => m.InviteDialog));
export const CreateChannelDialog = lazyDialog(() => import("./create-channel-dialog").then((m) => m.CreateChannelDialog));

// A right click on a channel (its actions and notification choices), on a server's icon in the rail.
export const ChannelMenu = lazyPart(() => import("./channel-menu").then((m) => m.ChannelMenu));
export const ServerIconMenu = lazyPart(() => import("./server-icon-menu").then((m) => m.ServerIconMenu));

// The status picker's menu loads when the user panel first opens it.
export const StatusMenu = lazyPart(() => import("./status-menu").then((m) => m.StatusMenu));
