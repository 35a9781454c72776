"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { createContext, useContext, useState, type KeyboardEvent, type MouseEvent } from "react";
import type { Channel } from "@/shared/api";
import type { MentionKind } from "../../lib/markdown";
import { roleColor } from "../../lib/role-color";
import { besideAnchor } from "../profile/banner";
import { ProfilePopover } from "../profile/profile-popover-lazy";
import { useMaybeChatContext, type ChannelRef } from "./chat-context";
import { useContentMode } from "./content-mode";

/** Who and what mentions name: the chat's context in a conversation, or one given (search results). */
export interface MentionNames {
  userName: (id: string) => string | undefined;
  role: (id: string) => { name: string; color?: number } | undefined;
  channel?: (id: string) => ChannelRef | undefined;
}

const MentionNamesContext = createContext<MentionNames | null>(null);
export const MentionNamesProvider = MentionNamesContext.Provider;

/** A channel of any server whose list is already loaded: a mention of another server's channel still finds it. */
function useChannelLookup(names: MentionNames | null): (id: string) => ChannelRef | undefined {
  const queryClient = useQueryClient();
  return (id) => {
    const own = names?.channel?.(id);
    if (own) return own;
    for (const [key, data] of queryClient.getQueriesData<Channel[]>({ queryKey: ["servers"] })) {
      if (key.length !== 3 || key[2] !== "channels" || !Array.isArray(data)) continue;
      const found = data.find((channel) => channel.id === id);
      if (found?.serverId) return { id: found.id, name: found.name, serverId: found.serverId };
    }
    return undefined;
  };
}

const pill = "rounded-[3px] px-0.5 font-medium";
const clickable = "cursor-pointer focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blurple";

/** Button behaviour for a pill drawn inside text: click, Enter or Space. */
function activation(run: (element: HTMLElement) => void) {
  return {
    role: "button",
    tabIndex: 0,
    onClick: (event: MouseEvent<HTMLElement>) => {
      event.preventDefault();
      run(event.currentTarget);
    },
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      event.stopPropagation();
      run(event.currentTarget);
    },
  } as const;
}

/** One mention as Discord draws it: `@Name` on a tinted background, roles in their colour, `#channel` as a way there. */
export function MentionPill({ kind, id }: { kind: MentionKind; id: string }) {
  const given = useContext(MentionNamesContext);
  const chat = useMaybeChatContext();
  const names = given ?? chat;
  const { interactive } = useContentMode();
  const channelOf = useChannelLookup(names);
  const router = useRouter();
  const [profileAt, setProfileAt] = useState<DOMRect>();

  if (kind === "user") {
    const name = names?.userName(id);
    return (
      <>
        <span
          data-testid="mention"
          data-md="mention"
          data-kind="user"
          data-user-id={id}
          {...(interactive ? { ...activation((element) => setProfileAt(besideAnchor(element, "right"))), "aria-haspopup": "dialog" } : {})}
          className={`${pill} bg-blurple/30 text-mention ${interactive ? `${clickable} hover:bg-blurple hover:text-white` : ""}`}
        >
          @{name ?? "Unknown User"}
        </span>
        {profileAt && <ProfilePopover userId={id} fallbackName={name} anchor={profileAt} onClose={() => setProfileAt(undefined)} />}
      </>
    );
  }
  if (kind === "role") {
    const found = names?.role(id);
    const color = found?.color ? roleColor(found.color) : undefined;
    return (
      <span
        data-testid="mention"
        data-md="mention"
        data-kind="role"
        data-role-id={id}
        className={`${pill} ${color ? "" : "bg-blurple/30 text-mention"}`}
        style={color ? { color, backgroundColor: `${color}26` } : undefined}
      >
        @{found?.name ?? "deleted-role"}
      </span>
    );
  }
  if (kind === "channel") {
    const channel = channelOf(id);
    if (!channel) {
      return (
        <span data-testid="mention" data-md="mention" data-kind="channel" data-channel-id={id} title="No access" className={`${pill} bg-rail text-text-muted`}>
          #unknown
        </span>
      );
    }
    const href = `/channels/${channel.serverId}/${channel.id}`;
    return (
      <span
        data-testid="mention"
        data-md="mention"
        data-kind="channel"
        data-channel-id={id}
        {...(interactive ? activation(() => router.push(href)) : {})}
        className={`${pill} bg-blurple/30 text-mention ${interactive ? `${clickable} hover:bg-blurple hover:text-white` : ""}`}
      >
        #{channel.name}
      </span>
    );
  }
  return (
    <span data-testid="mention" data-md="mention" data-kind={kind} className={`${pill} bg-blurple/30 text-mention`}>
      @{kind}
    </span>
  );
}
