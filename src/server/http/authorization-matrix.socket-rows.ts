/** The authorization matrix's socket rows: who receives each event, and who is refused. */
import { MEMBER_PERSONAS, freshChannel } from "../testing/personas";
import type { Channel, Message } from "@/shared/api";
import type { CallInfo } from "@/shared/calls";
import { type Row, freshGroup, inVoice, privateOverwrites, privateViewers, receivers, sendAsOwner } from "./authorization-matrix.kit";

export const socketRows: Row[] = [
  // socket events (each persona's socket connected before the action; the owner acts)
  {
    kind: "socket",
    event: "message.created",
    what: "a message in #general",
    expected: receivers(MEMBER_PERSONAS),
    trigger: async (c) => {
      const message = await sendAsOwner(c, c.w.general.id);
      return (p) => (p as { message: Message }).message.id === message.id;
    },
  },
  {
    kind: "socket",
    event: "channel.created",
    what: "a new public channel",
    expected: receivers(MEMBER_PERSONAS),
    trigger: async (c) => {
      const channel = await freshChannel(c.w, { name: "public-news" });
      return (p) => (p as { channel: Channel }).channel.id === channel.id;
    },
  },
  {
    kind: "socket",
    event: "channel.created",
    what: "a new private channel (everyone denied View, Moderator allowed)",
    expected: receivers(privateViewers),
    trigger: async (c) => {
      const channel = await freshChannel(c.w, { name: "private-news", overwrites: privateOverwrites(c.w) });
      return (p) => (p as { channel: Channel }).channel.id === channel.id;
    },
  },
  {
    kind: "socket",
    event: "message.created",
    what: "a message in the private channel",
    expected: receivers(privateViewers),
    trigger: async (c) => {
      const message = await sendAsOwner(c, c.privateChannel.id);
      return (p) => (p as { message: Message }).message.id === message.id;
    },
  },
  {
    kind: "socket",
    event: "voice.state",
    what: "someone joins a public voice room",
    expected: receivers(MEMBER_PERSONAS),
    trigger: async (c) => {
      const { channelId } = await inVoice(c);
      return (p) => (p as { channelId: string }).channelId === channelId;
    },
  },
  {
    kind: "socket",
    event: "voice.state",
    what: "the owner joins a private voice room",
    expected: receivers(privateViewers),
    trigger: async (c) => {
      const { channelId } = await inVoice(c, { private: true, as: c.w.people.owner });
      return (p) => (p as { channelId: string }).channelId === channelId;
    },
  },
  {
    kind: "socket",
    event: "call.updated",
    what: "the owner calls a group of theirs with the member",
    expected: receivers(["owner", "member"]),
    trigger: async (c) => {
      const channelId = await freshGroup(c, ["member"]);
      const reply = await c.w.people.owner.post<{ call: CallInfo }>(`/api/v1/channels/${channelId}/call`, {});
      if (reply.status !== 201) throw new Error(`start a call: ${reply.status}`);
      return (p) => (p as CallInfo).channelId === channelId;
    },
  },
];
