"use client";

import { MessagesSquare, Plus } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { useUnreadDmCount } from "../../hooks/use-dms";
import { useServers } from "../../hooks/use-servers";
import { cn } from "../../lib/cn";
import { badgeText } from "../../stores/read-state";
import { Dialog } from "../ui/dialog";
import { RightTooltip } from "../ui/tooltip";
import { CreateServerForm } from "./shell-lazy";
import { drawerRailClass } from "./mobile-drawer";
import { ServerIcon } from "./server-icon";

export function ServerRail({ activeServerId }: { activeServerId: string | undefined }) {
  const servers = useServers();
  const [creating, setCreating] = useState(false);

  return (
    <nav
      aria-label="Servers"
      className={cn("scroll-none flex w-[72px] shrink-0 flex-col items-center gap-2 overflow-y-auto bg-rail py-3", drawerRailClass)}
    >
      <HomeButton />
      <div className="mx-auto h-0.5 w-8 rounded bg-divider" />
      {servers.data?.map((server) => (
        <ServerIcon key={server.id} server={server} active={server.id === activeServerId} />
      ))}
      <RightTooltip label="Add a Server">
        <div className="flex w-[72px] justify-center">
          <button
            type="button"
            aria-label="Add a Server"
            data-testid="create-server"
            onClick={() => setCreating(true)}
            className="flex size-12 items-center justify-center rounded-3xl bg-chat text-success-soft transition-all hover:rounded-2xl hover:bg-success hover:text-white"
          >
            <Plus size={24} />
          </button>
        </div>
      </RightTooltip>
      <Dialog
        open={creating}
        onClose={() => setCreating(false)}
        title="Create a server"
        description="Give your new server a name. You can always change it later."
        testId="create-server-dialog"
      >
        {creating && <CreateServerForm onCreated={() => setCreating(false)} />}
      </Dialog>
    </nav>
  );
}

/** Direct messages, with the number of conversations that have something unread. */
function HomeButton() {
  const pathname = usePathname();
  const active = pathname.startsWith("/channels/me");
  // The conversation on screen is being read; its badge would only flash until the ack.
  const unread = useUnreadDmCount(active ? pathname.split("/")[3] : undefined);
  return (
    <RightTooltip label="Direct Messages">
      <div className="group relative flex w-[72px] justify-center">
        <span
          aria-hidden
          className={cn(
            "absolute left-0 top-1/2 w-1 -translate-y-1/2 rounded-r bg-white transition-all",
            active ? "h-10" : unread ? "h-2 group-hover:h-5" : "h-0 group-hover:h-5",
          )}
        />
        <Link
          href="/channels/me"
          aria-label={unread ? `Direct Messages, ${unread} unread` : "Direct Messages"}
          aria-current={active ? "page" : undefined}
          data-testid="home-button"
          className={cn(
            "flex size-12 items-center justify-center transition-all",
            active
              ? "rounded-2xl bg-blurple text-white"
              : "rounded-3xl bg-chat text-text-strong group-hover:rounded-2xl group-hover:bg-blurple group-hover:text-white",
          )}
        >
          <MessagesSquare size={26} />
        </Link>
        {unread > 0 && (
          <span
            data-testid="home-unread"
            aria-hidden
            className="pointer-events-none absolute -bottom-1 right-2 box-content flex h-4 min-w-4 items-center justify-center rounded-full border-4 border-rail bg-danger px-1 text-[11px] font-bold text-white"
          >
            {badgeText(unread)}
          </span>
        )}
      </div>
    </RightTooltip>
  );
}
