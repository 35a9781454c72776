/**
 * A chat room under a flood, for the flood test (chat-flood.test.ts) and the flood
 * benchmark (bench/flood.ts): people in one server, each with a socket; some chat at
 * their own pace while one sends as fast as it is told to. Records every send's answer,
 * which messages were accepted, when each arrived at each socket (send → receive
 * latency), and how many times.
 */
import { performance } from "node:perf_hooks";
import type { Channel, Invite, Message, Server } from "@/shared/api";
import type { ClientSocket, TestClient } from "../testing/harness";

export interface Room {
  people: TestClient[];
  sockets: ClientSocket[];
  channelId: string;
}

/** `size` people signed up through `client()`, in one server, each with a socket. */
export async function chatRoom(client: () => TestClient, size: number, name = "Flood"): Promise<Room> {
  // In parallel: the password hash runs on libuv's thread pool.
  const people = Array.from({ length: size }, () => client());
  await Promise.all(people.map((c, i) => c.signUp(`${name} ${i}`)));
  const owner = people[0]!;
  const server = (await owner.post<Server>("/api/v1/servers", { name })).body;
  const [channel] = (await owner.get<Channel[]>(`/api/v1/servers/${server.id}/channels`)).body;
  const invite = (await owner.post<Invite>(`/api/v1/servers/${server.id}/invites`, {})).body;
  await Promise.all(
    people.slice(1).map(async (p) => {
      const joined = await p.post(`/api/v1/invites/${invite.code}`);
      if (joined.status !== 200) throw new Error(`joining failed: ${joined.status} ${JSON.stringify(joined.body)}`);
    }),
  );
  const sockets = await Promise.all(people.map((p) => p.socket()));
  return { people, sockets, channelId: channel!.id };
}

export interface ChatPlan {
  /** Indexes into room.people of those who chat at a normal pace. */
  chatters: number[];
  messagesEach: number;
  /** Pause between one chatter's sends (after the answer), and how much it varies (±). */
  intervalMs: number;
  jitterMs?: number;
  /** Who floods (an index into room.people), how many sends, how far apart they start. */
  flooder?: number;
  floodSends?: number;
  floodIntervalMs?: number;
  /** How long to wait for every accepted message to reach every socket. */
  deliveryTimeoutMs?: number;
}

export interface ChatRun {
  /** HTTP status of each chatter's sends, and of the flooder's. */
  chatterStatuses: number[];
  flooderStatuses: number[];
  /** Accepted messages: id -> index of the author. */
  accepted: Map<string, number>;
  /** Per socket index: message id -> times it arrived. */
  arrivals: Map<string, number>[];
  /** Send → arrival at each other socket, in ms, for the chatters' messages only. */
  chatterLatenciesMs: number[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let runs = 0;

export async function chat(room: Room, plan: ChatPlan): Promise<ChatRun> {
  const run = ++runs;
  const sentAt = new Map<string, { at: number; author: number }>(); // by nonce
  const accepted = new Map<string, number>();
  const arrivals = room.sockets.map(() => new Map<string, number>());
  const chatterLatenciesMs: number[] = [];
  const chatterSet = new Set(plan.chatters);
  const listeners = room.sockets.map((socket, i) => {
    const listener = ({ message }: { channelId: string; message: Message }) => {
      const now = performance.now();
      if (message.channelId !== room.channelId) return;
      arrivals[i]!.set(message.id, (arrivals[i]!.get(message.id) ?? 0) + 1);
      const sent = message.nonce ? sentAt.get(message.nonce) : undefined;
      if (sent && sent.author !== i && chatterSet.has(sent.author)) chatterLatenciesMs.push(now - sent.at);
    };
    socket.on("message.created", listener);
    return listener;
  });

  const send = async (author: number, seq: number) => {
    const nonce = `r${run}-${author}-${seq}`;
    sentAt.set(nonce, { at: performance.now(), author });
    const res = await room.people[author]!.post<Message>(`/api/v1/channels/${room.channelId}/messages`, { content: `message ${seq} from ${author}`, nonce });
    if (res.status === 201) accepted.set(res.body.id, author);
    return res.status;
  };

  const chatterStatuses: number[] = [];
  const flooderStatuses: number[] = [];
  const chatters = plan.chatters.map(async (author, k) => {
    // Staggered starts, so the chatters do not all send in the same instant.
    await sleep((plan.intervalMs * k) / plan.chatters.length);
    for (let seq = 0; seq < plan.messagesEach; seq++) {
      if (seq > 0) await sleep(plan.intervalMs + (Math.random() * 2 - 1) * (plan.jitterMs ?? 0));
      chatterStatuses.push(await send(author, seq));
    }
  });
  const flood = async () => {
    if (plan.flooder === undefined) return;
    const sends: Promise<void>[] = [];
    for (let seq = 0; seq < (plan.floodSends ?? 0); seq++) {
      sends.push(send(plan.flooder, seq).then((status) => void flooderStatuses.push(status)));
      if (plan.floodIntervalMs) await sleep(plan.floodIntervalMs);
    }
    await Promise.all(sends);
  };
  await Promise.all([...chatters, flood()]);

  // Every socket gets every accepted message (its own too): wait for them all.
  const deadline = performance.now() + (plan.deliveryTimeoutMs ?? 20_000);
  while (arrivals.some((a) => [...accepted.keys()].some((id) => !a.has(id)))) {
    if (performance.now() > deadline) break;
    await sleep(10);
  }
  room.sockets.forEach((socket, i) => socket.off("message.created", listeners[i]));
  return { chatterStatuses, flooderStatuses, accepted, arrivals, chatterLatenciesMs };
}

/** The value below which `q` of the samples lie (nearest rank). */
export function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}
