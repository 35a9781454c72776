"use client";

import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { Channel, DmChannel } from "@/shared/api";
import { sortDms } from "../components/dms/dm-format";
import { adjacentStop, textChannelOrder, type NavStop } from "../lib/channel-navigation";
import { queryKeys } from "../query-keys";
import { channelUnread, useReadStateStore } from "../stores/read-state";

interface Place {
  serverId?: string;
  channelId?: string;
}

/** What the sidebar on screen lists: the open server's text channels, or my conversations. */
function stopsOf(queryClient: QueryClient, serverId: string | undefined): { stops: NavStop[]; href: (id: string) => string } {
  const { loaded, reads } = useReadStateStore.getState();
  const unread = (id: string) => loaded && channelUnread(id, reads).unread;
  if (serverId) {
    const channels = queryClient.getQueryData<Channel[]>(queryKeys.channels(serverId)) ?? [];
    return {
      stops: textChannelOrder(channels).map((c) => ({ id: c.id, unread: unread(c.id) })),
      href: (id) => `/channels/${serverId}/${id}`,
    };
  }
  const dms = sortDms(queryClient.getQueryData<DmChannel[]>(queryKeys.dms) ?? []);
  return { stops: dms.map((d) => ({ id: d.id, unread: unread(d.id) })), href: (id) => `/channels/me/${id}` };
}

/**
 * Discord's channel keys, anywhere in the app: Alt+↑/↓ to the previous/next channel of
 * the open server (or conversation on the home screen), with Shift to the previous/next
 * unread one. A modal dialog owns the keyboard while it is open.
 */
export function useKeyboardNavigation({ serverId, channelId }: Place): void {
  const router = useRouter();
  const queryClient = useQueryClient();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
      if (document.querySelector("dialog[open]")) return;
      event.preventDefault();
      const { stops, href } = stopsOf(queryClient, serverId);
      const target = adjacentStop(stops, channelId, event.key === "ArrowDown" ? 1 : -1, event.shiftKey);
      if (target) router.push(href(target));
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [queryClient, router, serverId, channelId]);
}
