import { beforeEach, describe, expect, it } from "vitest";
import type { Message } from "@/shared/api";
import { toEntries } from "../lib/message-entries";
import { useMessagesStore, type OutgoingMessage } from "./messages";

const author = { id: "7", name: "Ada", image: null };
const channelId = "100";

function message(id: string, nonce: string | null = null): Message {
  return {
    id,
    type: "default",
    call: null,
    channelId,
    author,
    content: `m${id}`,
    attachments: [],
    nonce,
    createdAt: new Date().toISOString(),
    editedAt: null,
    replyTo: null,
    mentions: { users: [], roles: [], everyone: false },
    reactions: [],
    pinned: false,
  };
}

function outgoing(nonce: string): OutgoingMessage {
  return { nonce, channelId, author, content: "hi", createdAt: new Date().toISOString(), status: "pending" };
}

const store = () => useMessagesStore.getState();
const channel = () => store().channels[channelId];

describe("messages store", () => {
  beforeEach(() => store().clear());

  it("keeps confirmed messages oldest first from a newest-first page", () => {
    store().setLatest(channelId, [message("30"), message("20"), message("9")], true);
    expect(channel()?.order).toEqual(["9", "20", "30"]);
  });

  it("ignores a message it already holds", () => {
    store().setLatest(channelId, [message("2"), message("1")], false);
    store().merge(channelId, [message("2")]);
    expect(channel()?.order).toEqual(["1", "2"]);
  });

  it("shows a send once whether the socket or the POST reply arrives first", () => {
    store().setLatest(channelId, [], false);
    store().addOutgoing(outgoing("n1"));
    store().merge(channelId, [message("5", "n1")]); // socket first
    store().merge(channelId, [message("5", "n1")]); // then the POST reply
    const entries = toEntries(channel()!);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.status).toBe("sent");
  });

  it("settles a send even in a channel that is not loaded", () => {
    store().addOutgoing(outgoing("n2"));
    store().merge(channelId, [message("6", "n2")]);
    expect(channel()?.outgoing).toEqual([]);
    expect(channel()?.order).toEqual([]);
  });

  it("keeps live messages that arrive while the first page is in flight", () => {
    store().setLoadingLatest(channelId);
    store().merge(channelId, [message("11")]);
    store().setLatest(channelId, [message("10"), message("9")], false);
    expect(channel()?.order).toEqual(["9", "10", "11"]);
  });

  it("sorts ids numerically when an older page is added", () => {
    store().setLatest(channelId, [message("100"), message("99")], true);
    store().addOlder(channelId, [message("98"), message("8")], false);
    expect(channel()?.order).toEqual(["8", "98", "99", "100"]);
    expect(channel()?.hasMoreBefore).toBe(false);
  });

  it("counts my reaction once when the socket echoes an optimistic toggle", () => {
    store().setLatest(channelId, [message("1")], false);
    store().reaction(channelId, "1", "👍", true, true);
    store().reaction(channelId, "1", "👍", true, true);
    store().reaction(channelId, "1", "👍", true, false);
    expect(channel()?.byId["1"]?.reactions).toEqual([{ emoji: "👍", count: 2, me: true }]);
    store().reaction(channelId, "1", "👍", false, true);
    store().reaction(channelId, "1", "👍", false, false);
    expect(channel()?.byId["1"]?.reactions).toEqual([]);
  });

  it("keeps my reactions when a broadcast edit replaces the message", () => {
    store().setLatest(channelId, [{ ...message("1"), reactions: [{ emoji: "🎉", count: 1, me: true }] }], false);
    store().replace(channelId, { ...message("1"), content: "edited", reactions: [{ emoji: "🎉", count: 1, me: false }] });
    expect(channel()?.byId["1"]?.content).toBe("edited");
    expect(channel()?.byId["1"]?.reactions[0]?.me).toBe(true);
  });

  it("updates the quote in replies when the original is edited", () => {
    const reply = { ...message("2"), replyTo: { id: "1", author, content: "m1", deleted: false } };
    store().setLatest(channelId, [reply, message("1")], false);
    store().replace(channelId, { ...message("1"), content: "m1 fixed" });
    expect(channel()?.byId["2"]?.replyTo?.content).toBe("m1 fixed");
  });

  it("marks replies to a deleted message", () => {
    const reply = { ...message("2"), replyTo: { id: "1", author, content: "m1", deleted: false } };
    store().setLatest(channelId, [reply, message("1")], false);
    store().remove(channelId, "1");
    expect(channel()?.order).toEqual(["2"]);
    expect(channel()?.byId["2"]?.replyTo?.deleted).toBe(true);
  });

  it("holds live messages back while showing an older stretch, then pages newer in order", () => {
    store().setAround(channelId, [message("12"), message("11"), message("10")], true, true);
    store().merge(channelId, [message("50")]);
    expect(channel()?.order).toEqual(["10", "11", "12"]);
    store().addNewer(channelId, [message("50"), message("13")], false);
    expect(channel()?.order).toEqual(["10", "11", "12", "13", "50"]);
    store().merge(channelId, [message("51")]);
    expect(channel()?.order.at(-1)).toBe("51");
  });

  it("forgets unopened channels on reset but keeps unsent messages", () => {
    store().setLatest(channelId, [message("1")], false);
    store().addOutgoing(outgoing("n3"));
    store().setLatest("200", [message("2")], false);
    store().resetExcept("200");
    expect(channel()?.loaded).toBe(false);
    expect(channel()?.outgoing).toHaveLength(1);
    expect(store().channels["200"]?.order).toEqual(["2"]);
  });
});
