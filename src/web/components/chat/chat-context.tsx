"use client";

import { createContext, useContext, useMemo } from "react";
import type { Channel, Member, Role } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { useAccess } from "../../hooks/use-access";
import { useChannels, useMembers, useRoles } from "../../hooks/use-servers";
import { displayName } from "../../lib/member-groups";
import { can } from "../../lib/permissions";

/** What every message row needs to know about where it is and who is reading it. */
export interface ChatContextValue {
  /** Null in a direct conversation, which belongs to no server. */
  serverId: string | null;
  channelId: string;
  myId: string | undefined;
  myRoleIds: string[];
  mayManageMessages: boolean;
  mayReact: boolean;
  maySend: boolean;
  /** Upload files with messages; direct conversations leave it out (always allowed there). */
  mayAttach?: boolean;
  mayMentionEveryone: boolean;
  members: Member[];
  roles: Role[];
  userName: (id: string) => string | undefined;
  role: (id: string) => Role | undefined;
  /** A channel of this server by id, for `<#id>` pills; none in a direct conversation. */
  channel?: (id: string) => ChannelRef | undefined;
}

/** What a channel pill needs: its name, and where it is. */
export interface ChannelRef {
  id: string;
  name: string;
  serverId: string;
}

const ChatContext = createContext<ChatContextValue | null>(null);
export const ChatContextProvider = ChatContext.Provider;

export function useChatContext(): ChatContextValue {
  const value = useContext(ChatContext);
  if (!value) throw new Error("useChatContext outside a text channel");
  return value;
}

/** The context where there is one: message content is also drawn outside a conversation (search results). */
export function useMaybeChatContext(): ChatContextValue | null {
  return useContext(ChatContext);
}

/**
 * Builds the context for one text channel. Channel permissions come from the server;
 * when it did not say, the server-wide ones stand in (it enforces the rule anyway).
 */
export function useChatContextValue(serverId: string, channel: Channel, myId: string | undefined): ChatContextValue {
  const members = useMembers(serverId);
  const roles = useRoles(serverId);
  const channels = useChannels(serverId);
  const access = useAccess(serverId);
  return useMemo(() => {
    const mayHere = (flag: bigint) =>
      channel.permissions === undefined ? access.can(flag) : access.isOwner || can(channel.permissions, flag);
    const memberList = members.data ?? [];
    const roleList = roles.data ?? [];
    const byUser = new Map(memberList.map((m) => [m.user.id, displayName(m)]));
    const byRole = new Map(roleList.map((r) => [r.id, r]));
    const byChannel = new Map((channels.data ?? []).map((c) => [c.id, { id: c.id, name: c.name, serverId }]));
    const me = memberList.find((m) => m.user.id === myId);
    return {
      serverId,
      channelId: channel.id,
      myId,
      myRoleIds: me?.roleIds ?? [],
      mayManageMessages: mayHere(Permission.ManageMessages),
      mayReact: mayHere(Permission.AddReactions),
      maySend: mayHere(Permission.SendMessages),
      mayAttach: mayHere(Permission.AttachFiles),
      mayMentionEveryone: mayHere(Permission.MentionEveryone),
      members: memberList,
      roles: roleList,
      userName: (id) => byUser.get(id),
      role: (id) => byRole.get(id),
      channel: (id) => byChannel.get(id),
    };
  }, [serverId, channel.id, channel.permissions, myId, members.data, roles.data, channels.data, access]);
}
