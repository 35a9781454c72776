/**
 * The socket contract, version 1. Server -> client events come only from committed
 * writes; each carries what the UI needs and an ordering key (the snowflake id).
 */
import type { Channel, CustomStatus, DmChannel, ErrorCode, Member, Message, Presence, PresenceStatus, PublicUser, ReadState, Role, Server } from "./api";

export const SOCKET_PROTOCOL_VERSION = 1;

export interface ServerToClientEvents {
  /** Sent once after the socket is authenticated and has joined its rooms. */
  ready: (payload: { userId: string; version: number }) => void;
  "message.created": (payload: { channelId: string; message: Message }) => void;
  "message.deleted": (payload: { channelId: string; messageId: string }) => void;
  /** Edited, pinned or unpinned. */
  "message.updated": (payload: { channelId: string; message: Message }) => void;
  "reaction.added": (payload: { channelId: string; messageId: string; emoji: string; userId: string }) => void;
  "reaction.removed": (payload: { channelId: string; messageId: string; emoji: string; userId: string }) => void;
  /** Volatile: someone started typing; forget it after `expiresInMs` unless renewed. */
  "typing.started": (payload: { channelId: string; userId: string; name: string; expiresInMs: number }) => void;
  /** This person read up to here on some device: clear badges on the others. */
  "read.updated": (payload: ReadState) => void;
  "presence.updated": (payload: Presence) => void;
  "channel.created": (payload: { serverId: string; channel: Channel }) => void;
  /** A server became visible to this user (they created or joined it). */
  "server.joined": (payload: { server: Server }) => void;
  "member.added": (payload: { serverId: string; member: Member }) => void;
  "server.updated": (payload: { server: Server }) => void;
  /** This user is no longer in the server: it was deleted, they left, were kicked or banned. */
  "server.removed": (payload: { serverId: string; reason: "deleted" | "left" | "kicked" | "banned" }) => void;
  "channel.updated": (payload: { serverId: string; channel: Channel }) => void;
  "channel.deleted": (payload: { serverId: string; channelId: string }) => void;
  /** A channel became visible to this user (role or overwrite change). */
  "channel.shown": (payload: { serverId: string; channel: Channel }) => void;
  /** This user can no longer see a channel: drop it from the screen. */
  "channel.hidden": (payload: { serverId: string; channelId: string }) => void;
  "role.created": (payload: { serverId: string; role: Role }) => void;
  "role.updated": (payload: { serverId: string; role: Role }) => void;
  "role.deleted": (payload: { serverId: string; roleId: string }) => void;
  "member.updated": (payload: { serverId: string; member: Member }) => void;
  "member.removed": (payload: { serverId: string; userId: string }) => void;
  /**
   * A person's name, avatar or custom status changed; sent to everyone sharing a server
   * with them (and to their own devices). A deleted account arrives as "Deleted user".
   */
  "user.updated": (payload: { user: PublicUser; customStatus: CustomStatus | null }) => void;
  /**
   * This socket's session ended (signed out, revoked from another device, password
   * changed, account deleted); the server disconnects it right after. A client that
   * still has a valid cookie (2FA turned on or off renews the session) reconnects.
   */
  /** A conversation appeared in (or came back to) this person's list, or someone started one with them. */
  "dm.opened": (payload: { channel: DmChannel }) => void;
  /** A group was renamed, got a new icon, or people came or went (sent to everyone in it). */
  "dm.updated": (payload: { channel: DmChannel }) => void;
  /** This person closed the conversation on another device, left the group, or was removed from it. */
  "dm.closed": (payload: { channelId: string }) => void;
  /** This person's block list changed on another device. */
  "blocks.updated": (payload: { userIds: string[] }) => void;
  "session.ended": (payload: { reason: "signed_out" | "revoked" | "deleted" }) => void;
}

/** The answer to a client event: the same stable error codes as the HTTP API. */
export type SocketAck = { ok: true } | { ok: false; error: { code: ErrorCode; message: string } };

export interface ClientToServerEvents {
  /** Round-trip check; the ack carries the server time. */
  ping: (ack: (payload: { now: number }) => void) => void;
  /** I am typing in this channel (send again every few seconds while typing). */
  "typing.start": (payload: { channelId: string }, ack?: (result: SocketAck) => void) => void;
  /** Set my chosen presence, for all my devices; `invisible` shows me as offline to others. */
  "presence.set": (payload: { status: PresenceStatus }, ack?: (result: SocketAck) => void) => void;
  /** This device saw no input for a while (10 minutes): idle unless another device is active. */
  "presence.idle": () => void;
  /** This device has input again after being idle. */
  "presence.active": () => void;
}

export const rooms = {
  user: (id: string) => `user:${id}`,
  server: (id: string) => `server:${id}`,
  channel: (id: string) => `channel:${id}`,
  /** Every socket opened with one session, so revoking it can end them at once. */
  session: (id: string) => `session:${id}`,
} as const;
