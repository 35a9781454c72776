/**
 * Publishes committed domain events to Socket.IO rooms through a table of small
 * handlers. Room membership changes (socketsJoin) go through the adapter, so they reach
 * sockets on every node when the Redis adapter is in use.
 */
import type { Server as IoServer } from "socket.io";
import { rooms, type ClientToServerEvents, type ServerToClientEvents } from "@/shared/events";
import type { EventSink } from "../domain/context";
import type { DomainEvent, DomainEventType, EventOf } from "../domain/events";

export type Io = IoServer<ClientToServerEvents, ServerToClientEvents>;

type Handlers = { [T in DomainEventType]: (io: Io, event: EventOf<T>) => void };

const handlers: Handlers = {
  "message.created": (io, e) => {
    io.to(rooms.channel(e.channelId)).emit("message.created", { channelId: e.channelId, message: e.message });
  },
  "channel.created": (io, e) => {
    for (const userId of e.viewerIds) io.in(rooms.user(userId)).socketsJoin(rooms.channel(e.channel.id));
    io.to(rooms.channel(e.channel.id)).emit("channel.created", { serverId: e.serverId, channel: e.channel });
  },
  "member.added": (io, e) => {
    const userId = e.member.user.id;
    io.in(rooms.user(userId)).socketsJoin([rooms.server(e.server.id), ...e.visibleChannelIds.map(rooms.channel)]);
    io.to(rooms.user(userId)).emit("server.joined", { server: e.server });
    io.to(rooms.server(e.server.id)).emit("member.added", { serverId: e.server.id, member: e.member });
  },
};

export class SocketPublisher implements EventSink {
  private io: Io | null = null;

  attach(io: Io) {
    this.io = io;
  }

  publish(events: DomainEvent[]): void {
    const io = this.io;
    if (!io) return; // no socket server (e.g. a one-off script): nobody to tell
    for (const event of events) (handlers[event.type] as (io: Io, e: DomainEvent) => void)(io, event);
  }
}
