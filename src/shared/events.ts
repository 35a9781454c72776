/**
 * The socket contract, version 1. Server -> client events come only from committed
 * writes; each carries what the UI needs and an ordering key (the snowflake id).
 */
import type { Channel, Member, Message, Server } from "./api";

export const SOCKET_PROTOCOL_VERSION = 1;

export interface ServerToClientEvents {
  /** Sent once after the socket is authenticated and has joined its rooms. */
  ready: (payload: { userId: string; version: number }) => void;
  "message.created": (payload: { channelId: string; message: Message }) => void;
  "channel.created": (payload: { serverId: string; channel: Channel }) => void;
  /** A server became visible to this user (they created or joined it). */
  "server.joined": (payload: { server: Server }) => void;
  "member.added": (payload: { serverId: string; member: Member }) => void;
}

export interface ClientToServerEvents {
  /** Round-trip check; the ack carries the server time. */
  ping: (ack: (payload: { now: number }) => void) => void;
}

export const rooms = {
  user: (id: string) => `user:${id}`,
  server: (id: string) => `server:${id}`,
  channel: (id: string) => `channel:${id}`,
} as const;
