/**
 * What each server event does to the client's caches, one small handler per event. The
 * server already decided who receives what; these only keep the screen in step.
 */
import type { QueryClient } from "@tanstack/react-query";
import type { Channel, Member, SelfUser, Server, ServerDetail } from "@/shared/api";
import type { ServerToClientEvents } from "@/shared/events";
import { queryKeys } from "../query-keys";
import { useMessagesStore } from "../stores/messages";
import { createMessagingHandlers } from "./live-message-handlers";

export type LiveHandlers = { [E in Exclude<keyof ServerToClientEvents, "ready">]: ServerToClientEvents[E] };

export interface LiveContext {
  queryClient: QueryClient;
  /** The server and channel on screen right now. */
  location: () => { serverId?: string; channelId?: string };
  navigate: (path: string) => void;
}

function upsert<T>(list: T[] | undefined, item: T, same: (a: T) => boolean): T[] | undefined {
  if (!list) return list;
  return list.some(same) ? list.map((x) => (same(x) ? item : x)) : [...list, item];
}

export function createLiveHandlers({ queryClient, location, navigate }: LiveContext): LiveHandlers {
  const myId = () => queryClient.getQueryData<SelfUser>(queryKeys.me)?.id;

  /** My permissions may have changed: refetch what gates buttons and what I can see. */
  const refreshMyAccess = (serverId: string) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.server(serverId), exact: true });
    void queryClient.invalidateQueries({ queryKey: queryKeys.channels(serverId) });
  };

  const putChannel = (serverId: string, channel: Channel) => {
    // The broadcast copy does not carry my permissions; keep the ones I had until the refetch lands.
    queryClient.setQueryData<Channel[]>(queryKeys.channels(serverId), (channels) => {
      const previous = channels?.find((c) => c.id === channel.id);
      const merged = { ...channel, permissions: channel.permissions ?? previous?.permissions };
      return upsert(channels, merged, (c) => c.id === channel.id);
    });
    void queryClient.invalidateQueries({ queryKey: queryKeys.channels(serverId) });
  };

  const dropChannel = (serverId: string, channelId: string) => {
    const key = queryKeys.channels(serverId);
    // A refetch started before the change could put the channel back; cancel it first.
    void queryClient.cancelQueries({ queryKey: key });
    const remaining = queryClient.setQueryData<Channel[]>(key, (channels) => channels?.filter((c) => c.id !== channelId));
    useMessagesStore.getState().reset(channelId);
    if (location().channelId === channelId) {
      const next = remaining?.find((c) => c.type === "text");
      navigate(next ? `/channels/${serverId}/${next.id}` : `/channels/${serverId}`);
    }
    void queryClient.invalidateQueries({ queryKey: key });
  };

  const dropServer = (serverId: string) => {
    queryClient.setQueryData<Server[]>(queryKeys.servers, (servers) => servers?.filter((s) => s.id !== serverId));
    if (location().serverId === serverId) navigate("/");
    queryClient.removeQueries({ queryKey: queryKeys.server(serverId), exact: false });
  };

  const concernsMe = (serverId: string, roleId: string) => {
    if (roleId === serverId) return true; // the everyone role
    const me = queryClient.getQueryData<Member[]>(queryKeys.members(serverId))?.find((m) => m.user.id === myId());
    return !me || me.roleIds.includes(roleId);
  };

  const roleChanged = (serverId: string, roleId: string) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.roles(serverId) });
    if (concernsMe(serverId, roleId)) refreshMyAccess(serverId);
  };

  return {
    ...createMessagingHandlers(queryClient),
    "server.joined": () => void queryClient.invalidateQueries({ queryKey: queryKeys.servers, exact: true }),
    "server.updated": ({ server }) => {
      queryClient.setQueryData<Server[]>(queryKeys.servers, (servers) => upsert(servers, server, (s) => s.id === server.id));
      queryClient.setQueryData<ServerDetail>(queryKeys.server(server.id), (detail) => detail && { ...detail, ...server });
      // An ownership transfer changes what the old and new owner may do.
      refreshMyAccess(server.id);
    },
    "server.removed": ({ serverId }) => dropServer(serverId),
    "channel.created": ({ serverId, channel }) => putChannel(serverId, channel),
    "channel.updated": ({ serverId, channel }) => putChannel(serverId, channel),
    "channel.shown": ({ serverId, channel }) => putChannel(serverId, channel),
    "channel.deleted": ({ serverId, channelId }) => dropChannel(serverId, channelId),
    "channel.hidden": ({ serverId, channelId }) => dropChannel(serverId, channelId),
    "role.created": ({ serverId }) => void queryClient.invalidateQueries({ queryKey: queryKeys.roles(serverId) }),
    "role.updated": ({ serverId, role }) => roleChanged(serverId, role.id),
    "role.deleted": ({ serverId, roleId }) => roleChanged(serverId, roleId),
    "member.added": ({ serverId, member }) => {
      queryClient.setQueryData<Member[]>(queryKeys.members(serverId), (members) =>
        upsert(members, member, (m) => m.user.id === member.user.id),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.members(serverId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.server(serverId), exact: true });
    },
    "member.updated": ({ serverId, member }) => {
      queryClient.setQueryData<Member[]>(queryKeys.members(serverId), (members) =>
        upsert(members, member, (m) => m.user.id === member.user.id),
      );
      if (member.user.id === myId()) refreshMyAccess(serverId);
    },
    "member.removed": ({ serverId, userId }) => {
      if (userId === myId()) return dropServer(serverId);
      queryClient.setQueryData<Member[]>(queryKeys.members(serverId), (members) =>
        members?.filter((m) => m.user.id !== userId),
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.server(serverId), exact: true });
    },
  };
}
