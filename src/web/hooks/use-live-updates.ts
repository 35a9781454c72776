"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { queryKeys } from "../query-keys";
import { getSocket } from "../socket";
import { useMessagesStore } from "../stores/messages";
import { catchUp } from "./use-channel-messages";

export type ConnectionState = "connecting" | "connected" | "disconnected";

/**
 * Connects the tab's socket while the signed-in app is mounted and turns server events
 * into store updates and query invalidations. The server decides the rooms; the client
 * joins nothing itself.
 */
export function useLiveUpdates(openChannelId: string | undefined, onConnectionChange?: (state: ConnectionState) => void) {
  const queryClient = useQueryClient();
  const openChannelRef = useRef(openChannelId);
  const connectionRef = useRef(onConnectionChange);

  useEffect(() => {
    openChannelRef.current = openChannelId;
    connectionRef.current = onConnectionChange;
  });

  useEffect(() => {
    const socket = getSocket();
    let readyBefore = false;

    const onReady = () => {
      connectionRef.current?.("connected");
      const open = openChannelRef.current;
      if (readyBefore) {
        // A reconnect: events may have been missed while we were away.
        useMessagesStore.getState().resetExcept(open);
        void queryClient.invalidateQueries({ queryKey: queryKeys.servers });
      }
      readyBefore = true;
      // Also on the first ready: a page fetched before the rooms were joined may miss a message.
      if (open) void catchUp(open);
    };
    const onDisconnect = () => connectionRef.current?.("disconnected");
    const onConnectError = () => connectionRef.current?.("disconnected");

    socket.on("ready", onReady);
    socket.on("disconnect", onDisconnect);
    socket.on("connect_error", onConnectError);
    socket.on("message.created", ({ channelId, message }) => {
      useMessagesStore.getState().merge(channelId, [message]);
    });
    socket.on("channel.created", ({ serverId }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.channels(serverId) });
    });
    socket.on("server.joined", () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.servers, exact: true });
    });
    socket.on("member.added", ({ serverId }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.members(serverId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.server(serverId), exact: true });
    });

    connectionRef.current?.("connecting");
    socket.connect();

    return () => {
      socket.off("ready", onReady);
      socket.off("disconnect", onDisconnect);
      socket.off("connect_error", onConnectError);
      socket.off("message.created");
      socket.off("channel.created");
      socket.off("server.joined");
      socket.off("member.added");
      socket.disconnect();
    };
  }, [queryClient]);
}
