/**
 * The one Socket.IO connection of the tab, typed with the shared event map. The server
 * authenticates it with the session cookie and puts it in the right rooms, so the client
 * only connects, listens and disconnects.
 */
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@/shared/events";

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: AppSocket | undefined;

export function getSocket(): AppSocket {
  socket ??= io({
    path: "/socket.io",
    withCredentials: true,
    autoConnect: false,
  });
  return socket;
}

/** Called on sign-out so the next person in this tab never receives the last one's events. */
export function closeSocket(): void {
  socket?.disconnect();
  socket = undefined;
}
