/**
 * What each server event does to the client's caches, one small handler per event. The
 * server already decided who receives what; these only keep the screen in step.
 */
import type { Query, QueryClient } from "@tanstack/react-query";
import type { Channel, CustomStatus, DmChannel, Member, PublicUser, SelfUser, Server, ServerDetail, UserProfile } from "@/shared/api";
import type { ServerToClientEvents } from "@/shared/events";
import { api, isApiError } from "../api";
import { queryKeys } from "../query-keys";
import { closeSocket, getSocket } from "../socket";
import { useMessagesStore } from "../stores/messages";
import { useCallsStore } from "../stores/calls";
import { useVoiceStore } from "../stores/voice";
import { useNotifyStore } from "../stores/notify";
import { useRemoval } from "../stores/removal";
import { activeCall } from "../voice/bridge";
import { appearanceKey } from "./use-appearance";
import { createMessagingHandlers } from "./live-message-handlers";
import { rememberCustomStatus } from "./use-profile";

export type LiveHandlers = { [E in Exclude<keyof ServerToClientEvents, "ready">]: ServerToClientEvents[E] };

export interface LiveContext {
  queryClient: QueryClient;
  /** The server and channel on screen right now. */
  location: () => { serverId?: string; channelId?: string };
  navigate: (path: string) => void;
}

const isMembersList = (query: Query) => query.queryKey[0] === "servers" && query.queryKey[2] === "members";

/** A cookie renewed by the request that ended the old session can land just after the event. */
const renewalGraceMs = 1000;

async function stillSignedIn(): Promise<boolean> {
  try {
    await api.me();
    return true;
  } catch (error) {
    if (isApiError(error, "UNAUTHORIZED")) return false;
    // Not a clear no (a network blip): keep going, the socket's own retries sort it out.
    return true;
  }
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

  /**
   * The server is gone for me. Someone looking at it lands on the home screen, told why
   * when it was not their own doing (kicked, banned, deleted; never the moderator's reason).
   */
  const dropServer = (serverId: string, reason?: "deleted" | "left" | "kicked" | "banned") => {
    const name =
      queryClient.getQueryData<Server[]>(queryKeys.servers)?.find((s) => s.id === serverId)?.name ??
      queryClient.getQueryData<ServerDetail>(queryKeys.server(serverId))?.name;
    queryClient.setQueryData<Server[]>(queryKeys.servers, (servers) => servers?.filter((s) => s.id !== serverId));
    if (location().serverId === serverId) {
      const told = reason !== undefined && reason !== "left";
      // Leaving is one's own choice: on to another server, as before.
      navigate(told ? "/channels/me" : "/");
      if (told && name) useRemoval.getState().show({ serverName: name, reason });
    }
    queryClient.removeQueries({ queryKey: queryKeys.server(serverId), exact: false });
    // Who I share a server with changed.
    void queryClient.invalidateQueries({ queryKey: queryKeys.contacts });
  };

  /** A conversation came, came back or changed: shown at once, then the list is fetched again. */
  const putDm = (channel: DmChannel) => {
    queryClient.setQueryData<DmChannel[]>(queryKeys.dms, (list) => upsert(list, channel, (d) => d.id === channel.id));
    void queryClient.invalidateQueries({ queryKey: queryKeys.dms, exact: true });
  };

  const dropDm = (channelId: string) => {
    void queryClient.cancelQueries({ queryKey: queryKeys.dms, exact: true });
    queryClient.setQueryData<DmChannel[]>(queryKeys.dms, (list) => list?.filter((d) => d.id !== channelId));
    const here = location();
    if (!here.serverId && here.channelId === channelId) navigate("/channels/me");
    useMessagesStore.getState().reset(channelId);
    void queryClient.invalidateQueries({ queryKey: queryKeys.dms, exact: true });
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

  /** New name, avatar or status: wherever the person is cached. Loaded messages keep theirs until refetched. */
  const userChanged = (user: PublicUser, customStatus: CustomStatus | null) => {
    rememberCustomStatus(user.id, customStatus);
    queryClient.setQueriesData<Member[]>({ predicate: isMembersList }, (members) =>
      members?.some((m) => m.user.id === user.id)
        ? members.map((m) => (m.user.id === user.id ? { ...m, user: { ...m.user, ...user } } : m))
        : members,
    );
    const profileKey = queryKeys.profile(user.id);
    queryClient.setQueryData<UserProfile>(profileKey, (p) => p && { ...p, name: user.name, image: user.image, customStatus });
    void queryClient.invalidateQueries({ queryKey: profileKey });
    if (user.id === myId()) {
      queryClient.setQueryData<SelfUser>(queryKeys.me, (me) => me && { ...me, name: user.name, image: user.image, customStatus });
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    }
  };

  /**
   * The server ended this socket's session. Signed out for good (revoked elsewhere,
   * account deleted): leave. Renewed (2FA turned on or off, password changed here):
   * reconnect with the new cookie, as the server has closed this socket.
   */
  const sessionEnded = async () => {
    let signedIn = await stillSignedIn();
    if (!signedIn) {
      await new Promise((resolve) => setTimeout(resolve, renewalGraceMs));
      signedIn = await stillSignedIn();
    }
    if (!signedIn) {
      closeSocket();
      queryClient.clear();
      useMessagesStore.getState().clear();
      navigate("/sign-in");
      return;
    }
    void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    void queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
    const socket = getSocket();
    socket.disconnect();
    socket.connect();
  };

  const messaging = createMessagingHandlers(queryClient);
  return {
    ...messaging,
    "read.updated": (state) => {
      messaging["read.updated"](state);
      // Read elsewhere: the desktop notifications this tab showed for it are done with.
      if (useNotifyStore.getState().shownHere) {
        void import("../notify/present").then((m) => m.closeReadNotifications(state.channelId, state.lastReadId));
      }
    },
    "dm.opened": ({ channel }) => putDm(channel),
    "dm.updated": ({ channel }) => putDm(channel),
    "dm.closed": ({ channelId }) => dropDm(channelId),
    // Calls in conversations: the header, the call panel and the ringing card follow the store.
    "call.updated": (call) => useCallsStore.getState().put(call, myId()),
    "call.ended": ({ channelId, callId }) => useCallsStore.getState().end(channelId, callId),
    // Into the inbox (mentions, replies, missed calls), the sound, a desktop notification:
    // code loaded with the first notification, not with the app.
    "notification.created": (info) => {
      void import("../notify/present").then((m) => m.onNotification(info, { queryClient, openChannelId: location().channelId }));
    },
    "notification.settings.updated": (settings) => queryClient.setQueryData(queryKeys.notificationSettings, settings),
    "blocks.updated": () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.blocks });
      void queryClient.invalidateQueries({ queryKey: queryKeys.contacts });
    },
    "server.joined": () => void queryClient.invalidateQueries({ queryKey: queryKeys.servers, exact: true }),
    "server.updated": ({ server }) => {
      queryClient.setQueryData<Server[]>(queryKeys.servers, (servers) => upsert(servers, server, (s) => s.id === server.id));
      queryClient.setQueryData<ServerDetail>(queryKeys.server(server.id), (detail) => detail && { ...detail, ...server });
      // An ownership transfer changes what the old and new owner may do.
      refreshMyAccess(server.id);
    },
    "server.removed": ({ serverId, reason }) => dropServer(serverId, reason),
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
      void queryClient.invalidateQueries({ queryKey: queryKeys.contacts });
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
    "user.updated": ({ user, customStatus }) => userChanged(user, customStatus),
    "session.ended": () => void sessionEnded(),
    "user.appearance.updated": (appearance) => queryClient.setQueryData(appearanceKey, appearance),
    "voice.state": (state) => useVoiceStore.getState().put(state),
    "voice.left": ({ channelId, userId }) => useVoiceStore.getState().left(channelId, userId),
    "voice.speaking": ({ channelId, userId, speaking }) => useVoiceStore.getState().setSpeaking(channelId, userId, speaking),
    // Only the device in the call acts on these; a tab without one ignores them.
    "voice.offer": (payload) => activeCall()?.offer(payload),
    "voice.ended": (payload) => activeCall()?.ended(payload),
    "voice.moved": (payload) => activeCall()?.moved(payload),
  };
}
