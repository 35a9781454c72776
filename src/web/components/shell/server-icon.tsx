"use client";

import Link from "next/link";
import type { Server } from "@/shared/api";
import { cn } from "../../lib/cn";
import { initials } from "../../lib/initials";
import { RightTooltip } from "../ui/tooltip";

/** A rail entry: round until hovered or active, with Discord's white pill on the left. */
export function ServerIcon({ server, active }: { server: Server; active: boolean }) {
  const label = initials(server.name);
  return (
    <RightTooltip label={server.name}>
      <div className="group relative flex w-[72px] justify-center">
        <span
          aria-hidden
          className={cn(
            "absolute left-0 top-1/2 w-1 -translate-y-1/2 rounded-r bg-white transition-all",
            active ? "h-10" : "h-0 group-hover:h-5",
          )}
        />
        <Link
          href={`/channels/${server.id}`}
          aria-label={server.name}
          aria-current={active ? "page" : undefined}
          data-testid="server-icon"
          data-server-id={server.id}
          className={cn(
            "flex size-12 items-center justify-center overflow-hidden font-medium transition-all",
            active
              ? "rounded-2xl bg-blurple text-white"
              : "rounded-3xl bg-chat text-text-strong group-hover:rounded-2xl group-hover:bg-blurple group-hover:text-white",
          )}
          style={{ fontSize: label.length > 2 ? 13 : 16 }}
        >
          {label}
        </Link>
      </div>
    </RightTooltip>
  );
}
