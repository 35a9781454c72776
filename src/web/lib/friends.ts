/** What the home screen's people list shows: Online or All, a search, online people first, then by name. */
import type { PublicUser } from "@/shared/api";
import type { Status } from "../stores/presence";

export type FriendsTab = "online" | "all";

export function friendsShown(people: PublicUser[], statuses: Record<string, Status>, tab: FriendsTab, query: string): PublicUser[] {
  const q = query.trim().toLowerCase();
  const online = (p: PublicUser) => (statuses[p.id] ?? "offline") !== "offline";
  return people
    .filter((p) => (tab === "all" || online(p)) && (q === "" || p.name.toLowerCase().includes(q)))
    .sort((a, b) => Number(online(b)) - Number(online(a)) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
