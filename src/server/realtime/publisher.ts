/**
 * Publishes committed domain events to Socket.IO rooms through a table of small
 * handlers. Room membership changes (socketsJoin) go through the adapter, so they reach
 * sockets on every node when the Redis adapter is in use.
 */
import type { Server as IoServer } from "socket.io";
import { rooms, type ClientToServerEvents, type ServerToClientEvents } from "@/shared/events";
import type { EventSubscriber } from "../domain/event-bus";
import type { DomainEvent, DomainEventType, EventOf } from "../domain/events";

export type Io = IoServer<ClientToServerEvents, ServerToClientEvents>;

type Handlers = { [T in DomainEventType]: (io: Io, event: EventOf<T>) => void };

const handlers: Handlers = {
  "user.updated": (io, e) => {
    const payload = { user: e.user, customStatus: e.customStatus };
    io.to([rooms.user(e.userId), ...e.serverIds.map(rooms.server)]).emit("user.updated", payload);
    // The name typing indicators carry, on this process's sockets (another process's keep
    // the old one until they reconnect).
    void io
      .local.in(rooms.user(e.userId))
      .fetchSockets()
      .then((sockets) => {
        for (const s of sockets) (s.data as { userName?: string }).userName = e.user.name;
      });
  },
  "dm.joined": (io, e) => {
    for (const userId of e.userIds) io.in(rooms.user(userId)).socketsJoin(rooms.channel(e.channelId));
  },
  "dm.opened": (io, e) => {
    io.in(rooms.user(e.userId)).socketsJoin(rooms.channel(e.channel.id));
    io.to(rooms.user(e.userId)).emit("dm.opened", { channel: e.channel });
  },
  "dm.updated": (io, e) => {
    io.to(rooms.user(e.userId)).emit("dm.updated", { channel: e.channel });
  },
  "dm.closed": (io, e) => {
    // Leave first: nothing more of the conversation reaches someone who left it.
    if (e.leaveRoom) io.in(rooms.user(e.userId)).socketsLeave(rooms.channel(e.channelId));
    io.to(rooms.user(e.userId)).emit("dm.closed", { channelId: e.channelId });
  },
  "blocks.updated": (io, e) => {
    io.to(rooms.user(e.userId)).emit("blocks.updated", { userIds: e.userIds });
  },
  "session.ended": (io, e) => {
    const room = rooms.session(e.sessionId);
    io.to(room).emit("session.ended", { reason: e.reason });
    // Through the adapter, so sockets on every node go.
    io.in(room).disconnectSockets(true);
  },
  "message.created": (io, e) => {
    io.to(rooms.channel(e.channelId)).emit("message.created", { channelId: e.channelId, message: e.message });
  },
  "channel.created": (io, e) => {
    for (const userId of e.viewerIds) io.in(rooms.user(userId)).socketsJoin(rooms.channel(e.channel.id));
    io.to(rooms.channel(e.channel.id)).emit("channel.created", { serverId: e.serverId, channel: e.channel });
  },
  "member.added": (io, e) => {
    const userId = e.member.user.id;
    // From here on the person's status changes reach the server (presence goes to a
    // socket's server rooms; joining one announces them there) and its members' reach them.
    io.in(rooms.user(userId)).socketsJoin([rooms.server(e.server.id), ...e.visibleChannelIds.map(rooms.channel)]);
    io.to(rooms.user(userId)).emit("server.joined", { server: e.server });
    io.to(rooms.server(e.server.id)).emit("member.added", { serverId: e.server.id, member: e.member });
  },
  "message.deleted": (io, e) => {
    io.to(rooms.channel(e.channelId)).emit("message.deleted", { channelId: e.channelId, messageId: e.messageId });
  },
  "message.updated": (io, e) => {
    io.to(rooms.channel(e.channelId)).emit("message.updated", { channelId: e.channelId, message: e.message });
  },
  "reaction.added": (io, e) => {
    const { channelId, messageId, emoji, userId } = e;
    io.to(rooms.channel(channelId)).emit("reaction.added", { channelId, messageId, emoji, userId });
  },
  "reaction.removed": (io, e) => {
    const { channelId, messageId, emoji, userId } = e;
    io.to(rooms.channel(channelId)).emit("reaction.removed", { channelId, messageId, emoji, userId });
  },
  "read.updated": (io, e) => {
    io.to(rooms.user(e.userId)).emit("read.updated", e.state);
  },
  "user.appearance.updated": (io, e) => {
    io.to(rooms.user(e.userId)).emit("user.appearance.updated", e.appearance);
  },
  "server.updated": (io, e) => {
    io.to(rooms.server(e.server.id)).emit("server.updated", { server: e.server });
  },
  "server.deleted": (io, e) => {
    const room = rooms.server(e.serverId);
    io.to(room).emit("server.removed", { serverId: e.serverId, reason: "deleted" });
    io.in(room).socketsLeave([room, ...e.channelIds.map(rooms.channel)]);
  },
  "member.removed": (io, e) => {
    // Leave first: from this moment nothing more of this server reaches the person, and
    // nothing of theirs (their status) reaches the server.
    io.in(rooms.user(e.userId)).socketsLeave([rooms.server(e.serverId), ...e.channelIds.map(rooms.channel)]);
    io.to(rooms.user(e.userId)).emit("server.removed", { serverId: e.serverId, reason: e.reason });
    io.to(rooms.server(e.serverId)).emit("member.removed", { serverId: e.serverId, userId: e.userId });
  },
  "member.updated": (io, e) => {
    io.to(rooms.server(e.member.serverId)).emit("member.updated", { serverId: e.member.serverId, member: e.member });
  },
  "channel.updated": (io, e) => {
    io.to(rooms.channel(e.channel.id)).emit("channel.updated", { serverId: e.serverId, channel: e.channel });
  },
  "channel.deleted": (io, e) => {
    const room = rooms.channel(e.channelId);
    io.to(room).emit("channel.deleted", { serverId: e.serverId, channelId: e.channelId });
    io.in(room).socketsLeave(room);
  },
  "role.created": (io, e) => {
    io.to(rooms.server(e.serverId)).emit("role.created", { serverId: e.serverId, role: e.role });
  },
  "role.updated": (io, e) => {
    io.to(rooms.server(e.serverId)).emit("role.updated", { serverId: e.serverId, role: e.role });
  },
  "role.deleted": (io, e) => {
    io.to(rooms.server(e.serverId)).emit("role.deleted", { serverId: e.serverId, roleId: e.roleId });
  },
  "visibility.changed": (io, e) => {
    for (const d of e.diffs) {
      const user = io.in(rooms.user(d.userId));
      if (d.hidden.length) {
        user.socketsLeave(d.hidden.map(rooms.channel));
        for (const channelId of d.hidden) io.to(rooms.user(d.userId)).emit("channel.hidden", { serverId: e.serverId, channelId });
      }
      if (d.shown.length) {
        user.socketsJoin(d.shown.map(rooms.channel));
        for (const channelId of d.shown) {
          const channel = e.channels[channelId];
          if (channel) io.to(rooms.user(d.userId)).emit("channel.shown", { serverId: e.serverId, channel });
        }
      }
    }
  },
  "voice.state": (io, e) => {
    io.to(rooms.channel(e.state.channelId)).emit("voice.state", e.state);
  },
  "voice.left": (io, e) => {
    io.to(rooms.channel(e.channelId)).emit("voice.left", { serverId: e.serverId, channelId: e.channelId, userId: e.userId });
  },
  // A socket is a room of its own id, on every node through the adapter.
  "voice.ended": (io, e) => {
    io.to(e.socketId).emit("voice.ended", { channelId: e.channelId, reason: e.reason });
  },
  "voice.moved": (io, e) => {
    io.to(e.socketId).emit("voice.moved", { fromChannelId: e.fromChannelId, toChannelId: e.toChannelId });
  },
  // Every device of everyone in the conversation: a ring starts and stops everywhere at once.
  "call.updated": (io, e) => {
    io.to(rooms.channel(e.call.channelId)).emit("call.updated", e.call);
  },
  "call.ended": (io, e) => {
    io.to(rooms.channel(e.channelId)).emit("call.ended", { channelId: e.channelId, callId: e.callId });
  },
  "notification.created": (io, e) => {
    io.to(rooms.user(e.userId)).emit("notification.created", e.notification);
  },
  "notification.settings.updated": (io, e) => {
    io.to(rooms.user(e.userId)).emit("notification.settings.updated", e.settings);
  },
};

/** The event bus's subscriber that tells sockets: one small handler per event type. */
export class SocketPublisher implements EventSubscriber {
  readonly name = "sockets";
  private io: Io | null = null;

  attach(io: Io) {
    this.io = io;
  }

  handle(events: DomainEvent[]): void {
    const io = this.io;
    if (!io) return; // no socket server (e.g. a one-off script): nobody to tell
    const failures: unknown[] = [];
    // One event's failure does not keep the batch's later events from their rooms.
    for (const event of events) {
      try {
        (handlers[event.type] as (io: Io, e: DomainEvent) => void)(io, event);
      } catch (err) {
        failures.push(err);
      }
    }
    if (failures.length) throw new AggregateError(failures, `${failures.length} socket event(s) failed`);
  }
}
