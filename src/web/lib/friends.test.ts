import { describe, expect, it } from "vitest";
import type { PublicUser } from "@/shared/api";
import { friendsShown } from "./friends";

const person = (id: string, name: string): PublicUser => ({ id, name, image: null });
const people = [person("1", "zoe"), person("2", "Ann"), person("3", "bob"), person("4", "Cy"), person("5", "ann")];
const statuses = { "1": "online", "3": "idle", "4": "offline", "5": "dnd" } as const;
const names = (list: PublicUser[]) => list.map((p) => p.name);

describe("the home screen's people list", () => {
  it("Online: only people not offline, by name", () => {
    expect(names(friendsShown(people, statuses, "online", ""))).toEqual(["ann", "bob", "zoe"]);
  });

  it("All: online first, then the rest, each by name", () => {
    expect(names(friendsShown(people, statuses, "all", ""))).toEqual(["ann", "bob", "zoe", "Ann", "Cy"]);
  });

  it("searches names in any case", () => {
    expect(names(friendsShown(people, statuses, "all", "  AN "))).toEqual(["ann", "Ann"]);
    expect(names(friendsShown(people, statuses, "online", "cy"))).toEqual([]);
  });
});
