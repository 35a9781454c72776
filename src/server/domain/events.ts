/**
 * Domain events: recorded by commands inside their transaction, published to sockets
 * only after the commit (see realtime/publisher.ts). Payloads are already presented,
 * so a broadcast serialises once, never per receiver.
 */
import type { Appearance, Channel, CustomStatus, DmChannel, Member, Message, PublicUser, ReadState, Role, Server } from "@/shared/api";
import type { CallInfo } from "@/shared/calls";
import type { NotificationInfo, NotificationSettings } from "@/shared/api/notifications";
import type { VoiceEndReason, VoiceState } from "@/shared/voice";
import type { VisibilityDiff } from "../policies/visibility";

export type DomainEvent =
  | {
      /** Name, avatar or status changed: told to every server the person is in, and to them. */
      type: "user.updated";
      userId: string;
      serverIds: string[];
      user: PublicUser;
      customStatus: CustomStatus | null;
    }
  | { type: "session.ended"; sessionId: string; reason: "signed_out" | "revoked" | "deleted" }
  /** These people's sockets join a conversation's room (it may not be in their list yet). */
  | { type: "dm.joined"; channelId: string; userIds: string[] }
  /** A conversation (re)appears in one person's list; presented for them. */
  | { type: "dm.opened"; userId: string; channel: DmChannel }
  | { type: "dm.updated"; userId: string; channel: DmChannel }
  /** Gone from one person's list; `leaveRoom` when they are no longer in it at all. */
  | { type: "dm.closed"; userId: string; channelId: string; leaveRoom: boolean }
  | { type: "blocks.updated"; userId: string; userIds: string[] }
  | { type: "message.created"; channelId: string; message: Message }
  | { type: "channel.created"; serverId: string; channel: Channel; viewerIds: string[] }
  | {
      type: "member.added";
      server: Server;
      member: Member;
      /** Channels the new member may view: their sockets join these rooms. */
      visibleChannelIds: string[];
    }
  | { type: "message.deleted"; channelId: string; messageId: string }
  | { type: "message.updated"; channelId: string; message: Message }
  | { type: "reaction.added"; channelId: string; messageId: string; emoji: string; userId: string }
  | { type: "reaction.removed"; channelId: string; messageId: string; emoji: string; userId: string }
  | { type: "read.updated"; userId: string; state: ReadState }
  /** Theme, message display or font size changed: told to the person's own devices only. */
  | { type: "user.appearance.updated"; userId: string; appearance: Appearance }
  | { type: "server.updated"; server: Server }
  | { type: "server.deleted"; serverId: string; channelIds: string[] }
  | {
      type: "member.removed";
      serverId: string;
      userId: string;
      reason: "left" | "kicked" | "banned";
      /** Every channel of the server: the person's sockets leave all their rooms. */
      channelIds: string[];
    }
  | { type: "member.updated"; member: Member }
  | { type: "channel.updated"; serverId: string; channel: Channel }
  | { type: "channel.deleted"; serverId: string; channelId: string }
  | { type: "role.created"; serverId: string; role: Role }
  | { type: "role.updated"; serverId: string; role: Role }
  | { type: "role.deleted"; serverId: string; roleId: string }
  | {
      /** Who gained or lost sight of which channels after a role, overwrite or member change. */
      type: "visibility.changed";
      serverId: string;
      diffs: VisibilityDiff[];
      /** Presented channels for the `shown` ids. */
      channels: Record<string, Channel>;
    }
  /** Someone entered a room, or their mute, deafen, camera or screen changed: told to the channel's viewers. */
  | { type: "voice.state"; state: VoiceState }
  | { type: "voice.left"; serverId: string | null; channelId: string; userId: string }
  /** One socket's place in a room ended, and why (its person may be in another room by now). */
  | { type: "voice.ended"; socketId: string; channelId: string; reason: VoiceEndReason }
  /** A moderator moved this socket's person: it joins the new room by itself. */
  | { type: "voice.moved"; socketId: string; fromChannelId: string; toChannelId: string }
  /** A call in a conversation started, or who rings in it changed: told to the conversation. */
  | { type: "call.updated"; call: CallInfo }
  /** Nobody is in the call any more (its line was updated with the trace just before). */
  | { type: "call.ended"; channelId: string; callId: string }
  /** A notification for one person (to their own devices only; pushes go through the queue). */
  | { type: "notification.created"; userId: string; notification: NotificationInfo }
  | { type: "notification.settings.updated"; userId: string; settings: NotificationSettings };

export type DomainEventType = DomainEvent["type"];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
