"use client";

import { ShieldAlert } from "lucide-react";
import Link from "next/link";
import { useEffect, type ReactNode } from "react";
import { isApiError } from "../../api";
import { useServer } from "../../hooks/use-servers";
import { describeError } from "../../lib/errors";
import { rememberLastServer } from "../../lib/last-server";
import { useChatUi } from "../../stores/chat-ui";
import { SearchPanel, useServerSearchScope } from "../chat/search-lazy";
import { MemberList } from "../sidebar/member-list";
import { ChannelSidebar } from "../sidebar/channel-sidebar";
import { MemberSheetBackdrop } from "./member-sheet";

/** One server: its channel column, the routed chat pane, and the member list. */
export function ServerView({ serverId, children }: { serverId: string; children: ReactNode }) {
  const server = useServer(serverId);
  const search = useChatUi((s) => (s.search?.scope === serverId ? s.search : null));
  const searchScope = useServerSearchScope(serverId);

  useEffect(() => {
    if (server.data) rememberLastServer(server.data.id);
  }, [server.data]);

  if (server.error) {
    const noAccess = isApiError(server.error, "NOT_FOUND") || isApiError(server.error, "FORBIDDEN");
    return (
      <div className="flex flex-1 flex-col items-center justify-center gap-3 bg-chat p-6 text-center">
        <ShieldAlert size={40} className="text-text-muted" />
        <p className="text-lg font-semibold text-text-strong">
          {noAccess ? "This server does not exist, or you are not a member." : describeError(server.error)}
        </p>
        <Link href="/" className="text-link hover:underline">
          Go to your servers
        </Link>
      </div>
    );
  }

  return (
    <>
      <ChannelSidebar serverId={serverId} server={server.data} />
      <main className="flex min-w-0 flex-1 flex-col bg-chat">{children}</main>
      {search ? (
        <SearchPanel key={search.query} scope={searchScope} query={search.query} />
      ) : (
        <MemberList serverId={serverId} ownerId={server.data?.ownerId} />
      )}
      <MemberSheetBackdrop />
    </>
  );
}
