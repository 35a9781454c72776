"use client";

import { useMemo } from "react";
import type { DmChannel, Member, PublicUser } from "@/shared/api";
import type { ChatContextValue } from "../chat/chat-context";

/** The people of a conversation in the shape the mention helpers take; no server, no roles. */
function asMembers(people: PublicUser[]): Member[] {
  return people.map((user) => ({ serverId: "", user, nickname: null, roleIds: [], joinedAt: "", timeoutUntil: null }));
}

/**
 * What a message row may do in a direct conversation: everyone may send, react, reply,
 * edit and delete their own; nobody moderates others and there are no roles to ping.
 */
export function useDmChatContextValue(dm: DmChannel, me: PublicUser | undefined): ChatContextValue {
  return useMemo(() => {
    const people = me ? [me, ...dm.recipients] : dm.recipients;
    const byId = new Map(people.map((p) => [p.id, p.name]));
    return {
      serverId: null,
      channelId: dm.id,
      myId: me?.id,
      myRoleIds: [],
      mayManageMessages: false,
      mayReact: true,
      maySend: true,
      mayMentionEveryone: false,
      members: asMembers(people),
      roles: [],
      userName: (id) => byId.get(id),
      role: () => undefined,
    };
  }, [dm, me]);
}
