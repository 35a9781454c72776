"use client";

import { AtSign } from "lucide-react";
import { useMemo, useState, type ReactNode } from "react";
import type { DmChannel, SearchResult } from "@/shared/api";
import { api } from "../../api";
import { useBlockedIds } from "../../hooks/use-blocks";
import { useDm } from "../../hooks/use-dms";
import { useMe } from "../../hooks/use-me";
import { describeError } from "../../lib/errors";
import { useChatUi } from "../../stores/chat-ui";
import { ChatBody } from "../chat/chat-body";
import { SearchPanel, type SearchScope } from "../chat/search-lazy";
import { Spinner } from "../ui/spinner";
import { DmAvatar } from "./dm-avatar";
import { dmName, isGroupDm } from "./dm-format";
import { DmHeader } from "./dm-header";
import { DmCallPanelSlot } from "../calls/calls-lazy";
import { GroupMembers } from "./group-members";
import { useDmChatContextValue } from "./dm-chat-context";

/** `/channels/me/:channelId`: one conversation, drawn by the same chat as server channels. */
export function DmConversation({ channelId }: { channelId: string }) {
  const { dm, error, isPending } = useDm(channelId);
  if (error) return <Note>{describeError(error)}</Note>;
  if (isPending) {
    return (
      <Note>
        <Spinner />
      </Note>
    );
  }
  if (!dm) {
    return (
      <Note>
        <AtSign size={40} />
        This conversation was closed, or you are not in it.
      </Note>
    );
  }
  // Keyed so a switch starts with a fresh scroll position and an empty composer.
  return <Conversation key={dm.id} dm={dm} />;
}

function Conversation({ dm }: { dm: DmChannel }) {
  const me = useMe();
  const ctx = useDmChatContextValue(dm, me.data);
  const blocked = useBlockedIds();
  const group = isGroupDm(dm);
  const [membersOpen, setMembersOpen] = useState(group);
  const search = useChatUi((s) => (s.search?.scope === dm.id ? s.search : null));
  const scope = useDmSearchScope(dm, ctx.userName);
  const name = dmName(dm);
  const other = group ? undefined : dm.recipients[0];
  const mentionSources = useMemo(
    () => ({ members: ctx.members, roles: [], mayMentionEveryone: false, serverId: "" }),
    [ctx.members],
  );
  const disabledReason =
    other && blocked.has(other.id) ? `You blocked ${other.name}. Unblock them from their profile to send messages.` : undefined;

  return (
    <>
      <section className="flex min-w-0 flex-1 flex-col" aria-label={`Conversation with ${name}`}>
        <ChatBody
          header={
            <>
              <DmHeader dm={dm} membersOpen={membersOpen} onToggleMembers={() => setMembersOpen((o) => !o)} />
              <DmCallPanelSlot dm={dm} />
            </>
          }
          ctx={ctx}
          channelName={name}
          placeholder={group ? `Message ${name}` : `Message @${name}`}
          disabledReason={disabledReason}
          mentionSources={mentionSources}
          beginning={<Beginning dm={dm} name={name} />}
        />
      </section>
      {search ? (
        <SearchPanel key={search.query} scope={scope} query={search.query} />
      ) : (
        group && membersOpen && <GroupMembers dm={dm} />
      )}
    </>
  );
}

function useDmSearchScope(dm: DmChannel, userName: (id: string) => string | undefined): SearchScope {
  return useMemo(
    () => ({
      queryKey: (query: string) => ["dm-search", dm.id, query] as const,
      fetchPage: (query: string, page: { limit: number; offset: number }): Promise<SearchResult> => api.searchDm(dm.id, query, page),
      placeOf: () => dmName(dm),
      hrefOf: (channelId: string) => `/channels/me/${channelId}`,
      names: { user: userName, role: () => undefined },
    }),
    [dm, userName],
  );
}

function Beginning({ dm, name }: { dm: DmChannel; name: string }) {
  return (
    <div className="mx-4 mb-2 mt-4" data-testid="dm-beginning">
      <DmAvatar dm={dm} size={80} ringClass="border-chat" />
      <h2 className="mt-2 text-[32px] font-bold text-text-strong">{name}</h2>
      <p className="text-text-muted">
        {isGroupDm(dm) ? (
          <>
            Welcome to the beginning of the <b>{name}</b> group.
          </>
        ) : (
          <>
            This is the beginning of your direct message history with <b>{name}</b>.
          </>
        )}
      </p>
    </div>
  );
}

function Note({ children }: { children: ReactNode }) {
  return <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center text-text-muted">{children}</div>;
}
