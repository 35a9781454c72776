/**
 * The held window fetched again after a reconnect: the fetched copy replaces what was
 * held in its range (edits, deletes, reactions, pins as they are now), and changes heard
 * live while it was fetched are replayed over it.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { Message } from "@/shared/api";
import { useMessagesStore } from "./messages";

const author = { id: "7", name: "Ada", image: null };
const channelId = "100";

function message(id: string, extra: Partial<Message> = {}): Message {
  return {
    id,
    type: "default",
    call: null,
    channelId,
    author,
    content: `m${id}`,
    attachments: [],
    nonce: null,
    createdAt: "2024-01-01T00:00:00.000Z",
    editedAt: null,
    replyTo: null,
    mentions: { users: [], roles: [], everyone: false },
    reactions: [],
    pinned: false,
    ...extra,
  };
}

const store = () => useMessagesStore.getState();
const channel = () => store().channels[channelId]!;
const newestFirst = (...ms: Message[]) => [...ms].reverse();
/** The refresh in progress. */
const current = () => channel().refreshing?.id ?? -1;

describe("refreshing the held window", () => {
  beforeEach(() => store().clear());

  it("shows edits, deletes, reactions and pins made while away, and new messages", () => {
    store().setLatest(channelId, newestFirst(message("10"), message("11"), message("12"), message("13"), message("14", { replyTo: { id: "11", author, content: "m11", deleted: false } })), true);
    expect(store().beginRefresh(channelId)).toMatchObject({ from: "10", to: null });
    const outcome = store().endRefresh(
      channelId,
      current(),
      newestFirst(
        message("10", { content: "edited", editedAt: "2024-01-02T00:00:00.000Z" }),
        // 11 deleted
        message("12", { reactions: [{ emoji: "👍", count: 1, me: false }] }),
        message("13", { pinned: true }),
        message("14", { replyTo: { id: "11", author: null, content: "", deleted: true } }),
        message("15"),
      ),
      false,
    );
    expect(outcome).toBe("applied");
    expect(channel().order).toEqual(["10", "12", "13", "14", "15"]);
    expect(channel().byId["10"]!.content).toBe("edited");
    expect(channel().byId["11"]).toBeUndefined();
    expect(channel().byId["12"]!.reactions).toEqual([{ emoji: "👍", count: 1, me: false }]);
    expect(channel().byId["13"]!.pinned).toBe(true);
    expect(channel().byId["14"]!.replyTo?.deleted).toBe(true);
    expect(channel().hasMoreBefore).toBe(true);
    expect(channel().refreshing).toBeNull();
  });

  it("replays what was heard during the fetch over the fetched copy", () => {
    store().setLatest(channelId, newestFirst(message("10"), message("11")), false);
    store().beginRefresh(channelId);
    store().merge(channelId, [message("20")]); // written after the fetch read
    store().replace(channelId, message("10", { content: "later edit" }));
    store().remove(channelId, "11");
    store().reaction(channelId, "10", "🎉", true, true); // mine: harmless to replay
    const outcome = store().endRefresh(channelId, current(), newestFirst(message("10"), message("11")), false);
    expect(outcome).toBe("applied");
    expect(channel().order).toEqual(["10", "20"]);
    expect(channel().byId["10"]!.content).toBe("later edit");
    expect(channel().byId["10"]!.reactions).toEqual([{ emoji: "🎉", count: 1, me: true }]);
  });

  it("fetches again when another person's reaction was heard meanwhile, and applies it on the last round", () => {
    store().setLatest(channelId, newestFirst(message("10")), false);
    store().beginRefresh(channelId);
    store().reaction(channelId, "10", "👍", true, false);
    const counted = newestFirst(message("10", { reactions: [{ emoji: "👍", count: 1, me: false }] }));
    expect(store().endRefresh(channelId, current(), counted, false)).toBe("again");
    expect(channel().refreshing).toBeNull();
    store().beginRefresh(channelId);
    expect(store().endRefresh(channelId, current(), counted, false)).toBe("applied");
    expect(channel().byId["10"]!.reactions).toEqual([{ emoji: "👍", count: 1, me: false }]);
    store().beginRefresh(channelId);
    store().reaction(channelId, "10", "👍", false, false);
    expect(store().endRefresh(channelId, current(), newestFirst(message("10")), true)).toBe("applied");
    expect(channel().byId["10"]!.reactions).toEqual([]);
  });

  it("in an older stretch, replaces only up to its newest message and keeps what paged in meanwhile", () => {
    store().setAround(channelId, newestFirst(message("20"), message("21"), message("22")), true, true);
    expect(store().beginRefresh(channelId)).toMatchObject({ from: "20", to: "22" });
    store().addOlder(channelId, newestFirst(message("18"), message("19")), false);
    const outcome = store().endRefresh(channelId, current(), newestFirst(message("21", { content: "edited" }), message("22"), message("23")), false);
    expect(outcome).toBe("applied");
    expect(channel().order).toEqual(["18", "19", "21", "22"]);
    expect(channel().byId["21"]!.content).toBe("edited");
    expect(channel().hasMoreAfter).toBe(true);
    expect(channel().hasMoreBefore).toBe(false);
  });

  it("drops a fetched copy when the window was replaced meanwhile, and settles sends it holds", () => {
    store().setLatest(channelId, newestFirst(message("10")), false);
    store().beginRefresh(channelId);
    store().setLatest(channelId, newestFirst(message("10"), message("11")), false);
    expect(store().endRefresh(channelId, current(), [], false)).toBe("stale");
    expect(channel().order).toEqual(["10", "11"]);

    store().addOutgoing({ nonce: "n1", channelId, author, content: "hi", createdAt: "2024-01-01T00:00:00.000Z", status: "queued" });
    store().beginRefresh(channelId);
    store().endRefresh(channelId, current(), newestFirst(message("10"), message("11"), message("12", { nonce: "n1" })), false);
    expect(channel().outgoing).toEqual([]);
    expect(channel().order).toEqual(["10", "11", "12"]);
    expect(store().beginRefresh("unknown")).toBeNull();
  });

  it("a refresh begun later wins over one still in flight", () => {
    store().setLatest(channelId, newestFirst(message("10")), false);
    const first = store().beginRefresh(channelId)!;
    store().replace(channelId, message("10", { content: "heard before the second" }));
    const second = store().beginRefresh(channelId)!;
    expect(store().endRefresh(channelId, first.id, newestFirst(message("10")), false)).toBe("stale");
    expect(channel().byId["10"]!.content).toBe("heard before the second");
    expect(store().endRefresh(channelId, second.id, newestFirst(message("10", { content: "now" })), false)).toBe("applied");
    expect(channel().byId["10"]!.content).toBe("now");
  });
});
