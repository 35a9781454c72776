"use client";

import { ChevronDown, X } from "lucide-react";
import { useState } from "react";
import type { ServerDetail } from "@/shared/api";
import { Permission } from "@/shared/permissions";
import { useAccess } from "../../hooks/use-access";
import { sizedImageUrl } from "../../lib/attachments";
import { ChannelSettings } from "../settings/settings-lazy";
import { ServerSettings } from "../settings/settings-lazy";
import { ChannelList } from "./channel-list";
import { CreateChannelDialog, InviteDialog, LeaveServerDialog, ServerMenu, type ServerMenuChoice } from "./sidebar-lazy";
import { serverMenuAllowed } from "./server-menu-access";
import { UserPanel } from "./user-panel";
import { CallBarSlot } from "../voice/voice-lazy";
import { ServerNotificationsDialog } from "../notifications/notifications-lazy";
import { drawerColumnClass } from "../shell/mobile-drawer";

type Open =
  | { kind: "invite" | "settings" | "notifications" | "leave" | "create-category" }
  | { kind: "create-channel"; parentId: string | null }
  | { kind: "channel-settings"; channelId: string };

export function ChannelSidebar({ serverId, server }: { serverId: string; server: ServerDetail | undefined }) {
  const access = useAccess(serverId);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number }>();
  const [open, setOpen] = useState<Open>();
  const close = () => setOpen(undefined);
  const mayManageChannels = access.can(Permission.ManageChannels);
  const allowed = serverMenuAllowed(access, "header", !!server);

  const choose = (choice: ServerMenuChoice) => {
    if (choice !== "mark-read") setOpen(choice === "create-channel" ? { kind: choice, parentId: null } : { kind: choice });
  };

  return (
    <aside aria-label="Channels" data-drawer-links className={`flex w-60 shrink-0 flex-col bg-sidebar ${drawerColumnClass}`}>
      <button
        type="button"
        data-testid="server-header"
        aria-haspopup="menu"
        aria-expanded={!!menuAt}
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          setMenuAt(menuAt ? undefined : { x: box.left + 8, y: box.bottom + 6 });
        }}
        className="flex h-12 shrink-0 items-center gap-2 border-b border-rail px-4 text-left shadow-sm hover:bg-hover"
      >
        {server?.icon && (
          <img
            src={sizedImageUrl(server.icon, 20)}
            alt=""
            width={20}
            height={20}
            data-testid="server-header-icon"
            className="size-5 shrink-0 rounded-full object-cover"
          />
        )}
        <h1 className="min-w-0 flex-1 truncate font-semibold text-text-strong" data-testid="server-name-header">
          {server?.name ?? ""}
        </h1>
        {menuAt ? <X size={18} /> : <ChevronDown size={18} />}
      </button>
      {menuAt && <ServerMenu at={menuAt} onClose={() => setMenuAt(undefined)} onChoose={choose} allowed={allowed} />}
      <ChannelList
        serverId={serverId}
        canManage={mayManageChannels}
        onCreateChannel={(parentId) => setOpen({ kind: "create-channel", parentId })}
        onOpenSettings={(channelId) => setOpen({ kind: "channel-settings", channelId })}
      />
      <CallBarSlot />
      <UserPanel />
      {server && (
        <>
          <InviteDialog open={open?.kind === "invite"} onClose={close} serverId={serverId} serverName={server.name} />
          <LeaveServerDialog open={open?.kind === "leave"} onClose={close} server={server} />
          <ServerNotificationsDialog open={open?.kind === "notifications"} onClose={close} serverId={serverId} serverName={server.name} />
        </>
      )}
      {mayManageChannels && (
        <>
          <CreateChannelDialog
            open={open?.kind === "create-channel"}
            onClose={close}
            serverId={serverId}
            parentId={open?.kind === "create-channel" ? open.parentId : null}
          />
          <CreateChannelDialog open={open?.kind === "create-category"} onClose={close} serverId={serverId} kind="category" />
        </>
      )}
      {open?.kind === "settings" && <ServerSettings serverId={serverId} onClose={close} />}
      {open?.kind === "channel-settings" && <ChannelSettings serverId={serverId} channelId={open.channelId} onClose={close} />}
    </aside>
  );
}
