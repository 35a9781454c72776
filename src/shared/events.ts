/**
 * The socket contract, version 1. Server -> client events come only from committed
 * writes; each carries what the UI needs and an ordering key (the snowflake id).
 */
import type { Appearance, Channel, CustomStatus, DmChannel, ErrorCode, Member, Message, Presence, PresenceStatus, PublicUser, ReadState, Role, Server } from "./api";
import type { CallInfo } from "./calls";
import type { NotificationInfo, NotificationSettings } from "./api/notifications";
import type { VoiceConnection, VoiceEndReason, VoiceSlot, VoiceState } from "./voice";

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
  /** This person changed their theme, message display or font size on some device. */
  "user.appearance.updated": (payload: Appearance) => void;
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
  /** Someone joined a room, or their mute, deafen, camera or screen changed (to everyone who may see the channel). */
  "voice.state": (payload: VoiceState) => void;
  /** Someone left a room (to everyone who may see the channel). */
  "voice.left": (payload: { serverId: string | null; channelId: string; userId: string }) => void;
  /** Volatile: someone in a room I see started or stopped speaking. */
  "voice.speaking": (payload: { channelId: string; userId: string; speaking: boolean }) => void;
  /**
   * The media server's offer for this socket's peer (the server always offers; one at a
   * time). `publishMids`: which m-line carries each of my slots; `midOwners`: whose
   * track each other m-line carries.
   */
  "voice.offer": (payload: {
    sdp: string;
    publishMids: Partial<Record<VoiceSlot, string>>;
    midOwners: Record<string, { userId: string; slot: VoiceSlot }>;
  }) => void;
  /** My place in a room ended; `media_restart`: rejoin by yourself, the room is still there. */
  "voice.ended": (payload: { channelId: string; reason: VoiceEndReason }) => void;
  /** A moderator moved me: join this room now (the client joins with the same devices). */
  "voice.moved": (payload: { fromChannelId: string; toChannelId: string }) => void;
  /**
   * A call in a conversation started, or who rings in it changed (to everyone in the
   * conversation, every device). A device rings while its person is in `ringing`.
   */
  "call.updated": (payload: CallInfo) => void;
  /** The call in this conversation ended: nobody is in it any more. */
  "call.ended": (payload: { channelId: string; callId: string }) => void;
  /**
   * Something notifies this person (a DM, a mention, a reply, a missed call, or any message
   * in a place set to "all"), to every device of theirs. The device chooses how to show it:
   * in the inbox, with the sound, as a desktop notification when hidden and without push.
   */
  "notification.created": (payload: NotificationInfo) => void;
  /** This person changed a notification setting on some device (all of them, as stored now). */
  "notification.settings.updated": (payload: NotificationSettings) => void;
}

/** The ack of `voice.join`: how to connect, and everyone already in the room. */
export type VoiceJoinAck =
  | { ok: true; connection: VoiceConnection; states: VoiceState[] }
  | { ok: false; error: { code: ErrorCode; message: string } };

/** The answer to a client event: the same stable error codes as the HTTP API. */
/** `requestId` on an unexpected failure: the id of its line in the server's log. */
export type SocketAck = { ok: true } | { ok: false; error: { code: ErrorCode; message: string; requestId?: string } };

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
  /**
   * Whether this tab is focused and visible now (send at connect and on every change). A
   * person with a focused tab on any device gets no push: they are looking at the app.
   */
  "client.focus": (payload: { focused: boolean }) => void;
  /** Join a voice or video room with the slots I will publish (leaves any other room first). */
  "voice.join": (
    payload: { channelId: string; slots?: VoiceSlot[]; selfMute?: boolean; selfDeaf?: boolean },
    ack: (result: VoiceJoinAck) => void,
  ) => void;
  "voice.leave": (ack?: (result: SocketAck) => void) => void;
  /** My answer to the last `voice.offer`. */
  "voice.answer": (payload: { sdp: string }, ack?: (result: SocketAck) => void) => void;
  "voice.candidate": (
    payload: { candidate: { candidate: string; sdpMid?: string | null; sdpMLineIndex?: number | null } },
    ack?: (result: SocketAck) => void,
  ) => void;
  /** Open another slot (e.g. the screen) mid-call: a new offer follows. */
  "voice.publish": (payload: { slot: VoiceSlot }, ack?: (result: SocketAck) => void) => void;
  /** Stop a slot (the screen share ended). */
  "voice.unpublish": (payload: { slot: VoiceSlot }, ack?: (result: SocketAck) => void) => void;
  /** My own mute, deafen, camera and screen flags. */
  "voice.update": (
    payload: Partial<{ selfMute: boolean; selfDeaf: boolean; camera: boolean; screen: boolean }>,
    ack?: (result: SocketAck) => void,
  ) => void;
  /** Volatile: my voice activity (from the browser's audio level). */
  "voice.speaking": (payload: { speaking: boolean }) => void;
  /** Start a call in a conversation (or get the one already open) and ring the others; join with `voice.join` next. */
  "call.start": (payload: { channelId: string; video?: boolean }, ack: (result: CallAck) => void) => void;
  /** Ring people in the open call again (by default everyone not in it). */
  "call.ring": (payload: { channelId: string; userIds?: string[] }, ack?: (result: CallAck) => void) => void;
  /** Stop my ringing for this call on all my devices. */
  "call.decline": (payload: { channelId: string }, ack?: (result: SocketAck) => void) => void;
}

/** The ack of `call.start` and `call.ring`. */
export type CallAck = { ok: true; call: CallInfo } | { ok: false; error: { code: ErrorCode; message: string } };

export const rooms = {
  user: (id: string) => `user:${id}`,
  server: (id: string) => `server:${id}`,
  channel: (id: string) => `channel:${id}`,
  /** Every socket opened with one session, so revoking it can end them at once. */
  session: (id: string) => `session:${id}`,
} as const;
