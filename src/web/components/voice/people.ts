"use client";

import { useMemo } from "react";
import { useMembers } from "../../hooks/use-servers";

export interface Person {
  name: string;
  image: string | null;
}

/** Names and pictures of a server's members, for tiles and occupant rows. */
export function usePeople(serverId: string): (userId: string) => Person {
  const members = useMembers(serverId);
  return useMemo(() => {
    const byId = new Map((members.data ?? []).map((m) => [m.user.id, { name: m.nickname ?? m.user.name, image: m.user.image }]));
    return (userId: string) => byId.get(userId) ?? { name: "Someone", image: null };
  }, [members.data]);
}
