import { describe, expect, it } from "vitest";
import type { VoiceState } from "@/shared/voice";
import { putState, removeState, replaceServer, sortedOccupants, useVoiceStore } from "./voice";

const state = (userId: string, channelId: string, more: Partial<VoiceState> = {}): VoiceState => ({
  userId,
  channelId,
  serverId: "s1",
  selfMute: false,
  selfDeaf: false,
  serverMute: false,
  serverDeaf: false,
  camera: false,
  screen: false,
  joinedAt: "2025-01-01T00:00:00.000Z",
  ...more,
});

describe("voice occupants", () => {
  it("puts a person in one room at a time", () => {
    let rooms = putState({}, state("ann", "c1"));
    rooms = putState(rooms, state("bob", "c1"));
    rooms = putState(rooms, state("ann", "c2"));
    expect(Object.keys(rooms.c1 ?? {})).toEqual(["bob"]);
    expect(Object.keys(rooms.c2 ?? {})).toEqual(["ann"]);
  });

  it("updates a state in place and drops an emptied room", () => {
    let rooms = putState({}, state("ann", "c1"));
    rooms = putState(rooms, state("ann", "c1", { selfMute: true }));
    expect(rooms.c1?.ann?.selfMute).toBe(true);
    rooms = removeState(rooms, "c1", "ann");
    expect(rooms).toEqual({});
    expect(removeState(rooms, "c1", "ann")).toBe(rooms);
  });

  it("replaces one server's rooms with a fresh list and keeps the others", () => {
    let rooms = putState({}, state("ann", "c1"));
    rooms = putState(rooms, state("zed", "x1", { serverId: "s2" }));
    rooms = replaceServer(rooms, "s1", [state("bob", "c3")]);
    expect(Object.keys(rooms).sort()).toEqual(["c3", "x1"]);
  });

  it("orders occupants by when they joined", () => {
    const room = {
      b: state("b", "c1", { joinedAt: "2025-01-01T00:00:02.000Z" }),
      a: state("a", "c1", { joinedAt: "2025-01-01T00:00:01.000Z" }),
    };
    expect(sortedOccupants(room).map((s) => s.userId)).toEqual(["a", "b"]);
  });

  it("tracks speaking and forgets it when the person leaves", () => {
    const store = useVoiceStore.getState();
    store.put(state("ann", "c1"));
    store.setSpeaking("c1", "ann", true);
    expect(useVoiceStore.getState().speaking).toEqual({ "c1:ann": true });
    useVoiceStore.getState().left("c1", "ann");
    expect(useVoiceStore.getState().speaking).toEqual({});
    expect(useVoiceStore.getState().rooms.c1).toBeUndefined();
  });
});
