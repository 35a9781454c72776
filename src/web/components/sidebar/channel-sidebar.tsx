"use client";

import { UserPlus } from "lucide-react";
import { useState } from "react";
import type { ServerDetail } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { can } from "../../lib/permissions";
import { ChannelList } from "./channel-list";
import { CreateChannelDialog } from "./create-channel-dialog";
import { InviteDialog } from "./invite-dialog";
import { UserPanel } from "./user-panel";

export function ChannelSidebar({ serverId, server }: { serverId: string; server: ServerDetail | undefined }) {
  const [inviting, setInviting] = useState(false);
  const [creatingChannel, setCreatingChannel] = useState(false);
  const mayInvite = can(server?.permissions, Permission.CreateInvite);
  const mayManageChannels = can(server?.permissions, Permission.ManageChannels);

  return (
    <aside aria-label="Channels" className="flex w-60 shrink-0 flex-col bg-sidebar">
      <header className="flex h-12 shrink-0 items-center gap-2 border-b border-rail px-4 shadow-sm">
        <h1 className="min-w-0 flex-1 truncate font-semibold text-text-strong" data-testid="server-name-header">
          {server?.name ?? ""}
        </h1>
        {mayInvite && (
          <button
            type="button"
            aria-label="Invite people"
            title="Invite people"
            data-testid="invite-button"
            onClick={() => setInviting(true)}
            className="rounded p-1 text-text-muted hover:bg-hover hover:text-text-strong"
          >
            <UserPlus size={18} />
          </button>
        )}
      </header>
      <ChannelList
        serverId={serverId}
        onCreateChannel={mayManageChannels ? () => setCreatingChannel(true) : undefined}
      />
      <UserPanel />
      {server && (
        <InviteDialog open={inviting} onClose={() => setInviting(false)} serverId={serverId} serverName={server.name} />
      )}
      {mayManageChannels && (
        <CreateChannelDialog open={creatingChannel} onClose={() => setCreatingChannel(false)} serverId={serverId} />
      )}
    </aside>
  );
}
