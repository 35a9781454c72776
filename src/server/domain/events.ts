/**
 * Domain events: recorded by commands inside their transaction, published to sockets
 * only after the commit (see realtime/publisher.ts). Payloads are already presented,
 * so a broadcast serialises once, never per receiver.
 */
import type { Channel, Member, Message, Server } from "@/shared/api";

export type DomainEvent =
  | { type: "message.created"; channelId: string; message: Message }
  | { type: "channel.created"; serverId: string; channel: Channel; viewerIds: string[] }
  | {
      type: "member.added";
      server: Server;
      member: Member;
      /** Channels the new member may view: their sockets join these rooms. */
      visibleChannelIds: string[];
    };

export type DomainEventType = DomainEvent["type"];
export type EventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
