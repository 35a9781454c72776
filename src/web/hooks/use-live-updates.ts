"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import type { ServerToClientEvents } from "@/shared/events";
import { queryKeys } from "../query-keys";
import { getSocket, type AppSocket } from "../socket";
import { loadCalls } from "../stores/calls";
import { useMessagesStore } from "../stores/messages";
import { catchUp } from "./use-channel-messages";
import { announcePresence } from "./use-presence";
import { announceFocus } from "./use-notifications";
import { flushQueued } from "./use-send-message";
import { createLiveHandlers, type LiveHandlers } from "./live-handlers";

/** After the server closed the socket itself, how long before connecting again. */
const serverDisconnectRetryMs = 5_000;

export type ConnectionState = "connecting" | "connected" | "disconnected";

export interface OpenLocation {
  serverId?: string;
  channelId?: string;
}

type LiveEvent = keyof LiveHandlers;

interface LooseEmitter {
  on: (event: string, listener: (payload: never) => void) => unknown;
  off: (event: string, listener: (payload: never) => void) => unknown;
}

function listen<E extends LiveEvent>(socket: AppSocket, event: E, handler: ServerToClientEvents[E], on: boolean) {
  // socket.io types listeners through a conditional TypeScript cannot narrow over a loop
  // of event names; the handler table is already checked against the shared event map.
  const emitter = socket as unknown as LooseEmitter;
  if (on) emitter.on(event, handler);
  else emitter.off(event, handler);
}

/**
 * Connects the tab's socket while the signed-in app is mounted and turns server events
 * into store updates and query invalidations. The server decides the rooms; the client
 * joins nothing itself.
 */
export function useLiveUpdates(open: OpenLocation, onConnectionChange?: (state: ConnectionState) => void) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const openRef = useRef(open);
  const connectionRef = useRef(onConnectionChange);

  useEffect(() => {
    openRef.current = open;
    connectionRef.current = onConnectionChange;
  });

  useEffect(() => {
    const socket = getSocket();
    let readyBefore = false;

    const onReady = () => {
      connectionRef.current?.("connected");
      const channelId = openRef.current.channelId;
      announcePresence();
      announceFocus();
      if (readyBefore) {
        // A reconnect: events may have been missed while we were away.
        useMessagesStore.getState().resetExcept(channelId);
        void queryClient.invalidateQueries({ queryKey: queryKeys.servers });
        void queryClient.invalidateQueries({ queryKey: queryKeys.readStates });
        void queryClient.invalidateQueries({ queryKey: queryKeys.dms });
        void queryClient.invalidateQueries({ queryKey: queryKeys.inbox });
        void queryClient.invalidateQueries({ queryKey: queryKeys.notificationSettings });
        // Pins, edit histories and reactor lists of channels: fetched again when shown.
        void queryClient.invalidateQueries({ queryKey: ["channels"] });
      } else {
        // The first ready: unread counts and the inbox fetched (or on their way) before
        // the rooms were joined miss what happened in between (a mention's notification
        // is told to the rooms only); ask again (live ones heard meanwhile are added on
        // top, see stores/read-state.ts; the inbox puts live entries on top too).
        for (const queryKey of [queryKeys.readStates, queryKeys.inbox]) {
          const state = queryClient.getQueryState(queryKey);
          if (state && (state.dataUpdatedAt > 0 || state.fetchStatus === "fetching")) void queryClient.invalidateQueries({ queryKey });
        }
      }
      readyBefore = true;
      // The calls open in my conversations, and who rings in them: a change while away is not replayed.
      void loadCalls();
      // The open channel's window fetched again: new messages, edits, deletes, reactions
      // and pins made while away. Also on the first ready: a page fetched before the rooms
      // were joined may miss a change.
      if (channelId) void catchUp(channelId);
      // Sends written while we were away go out now, with the nonces they were given.
      void flushQueued();
    };
    let retry: ReturnType<typeof setTimeout> | undefined;
    const onDisconnect = (reason: string) => {
      connectionRef.current?.("disconnected");
      // The server closed this socket (over its event limit, say): socket.io does not come
      // back by itself after that, so try again in a moment. A session that really ended
      // is refused at the handshake, and the session handler signs out.
      if (reason === "io server disconnect") {
        clearTimeout(retry);
        retry = setTimeout(() => {
          if (!socket.connected) socket.connect();
        }, serverDisconnectRetryMs);
      }
    };
    const onConnectError = () => connectionRef.current?.("disconnected");
    const handlers = createLiveHandlers({
      queryClient,
      location: () => openRef.current,
      navigate: (path) => router.replace(path),
    });
    const events = Object.keys(handlers) as LiveEvent[];

    // Back online with the socket still up (a short blip): nothing will say "ready", so send now.
    const onOnline = () => void flushQueued();
    window.addEventListener("online", onOnline);
    socket.on("ready", onReady);
    socket.on("disconnect", onDisconnect);
    socket.on("connect_error", onConnectError);
    for (const event of events) listen(socket, event, handlers[event], true);

    connectionRef.current?.("connecting");
    socket.connect();

    return () => {
      clearTimeout(retry);
      window.removeEventListener("online", onOnline);
      socket.off("ready", onReady);
      socket.off("disconnect", onDisconnect);
      socket.off("connect_error", onConnectError);
      for (const event of events) listen(socket, event, handlers[event], false);
      socket.disconnect();
    };
  }, [queryClient, router]);
}
