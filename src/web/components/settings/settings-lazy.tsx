"use client";

import dynamic from "next/dynamic";
import { SettingsLoading } from "../ui/lazy-loading";

// Server and channel settings load when opened, not with the chat.
export { visibleServerTabs, type ServerTab } from "./server-tabs";

export const ServerSettings = dynamic(() => import("./server-settings").then((m) => m.ServerSettings), {
  ssr: false,
  loading: () => <SettingsLoading />,
});

export const ChannelSettings = dynamic(() => import("./channel-settings").then((m) => m.ChannelSettings), {
  ssr: false,
  loading: () => <SettingsLoading />,
});
