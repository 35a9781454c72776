"use client";

import Link from "next/link";
import { useState } from "react";
import type { Server } from "@/shared/api";
import { useLongPress } from "../../hooks/use-long-press";
import { useServerUnread } from "../../hooks/use-unread";
import { useServerMuted } from "../../hooks/use-notification-settings";
import { sizedImageUrl } from "../../lib/attachments";
import { cn } from "../../lib/cn";
import { menuPoint } from "../../lib/placement";
import { initials } from "../../lib/initials";
import { badgeText } from "../../stores/read-state";
import { ServerIconMenu } from "../sidebar/sidebar-lazy";
import { RightTooltip } from "../ui/tooltip";

/** A rail entry: round until hovered or active, with Discord's white pill on the left. */
export function ServerIcon({ server, active }: { server: Server; active: boolean }) {
  const label = initials(server.name);
  const muted = useServerMuted(server.id);
  const counts = useServerUnread(server.id);
  // A muted server shows no pill and no count, mentions included.
  const unread = counts.unread && !muted;
  const mentions = muted ? 0 : counts.mentions;
  // Right click, or a long press on a touch screen: the server's menu at the pointer.
  const [menuAt, setMenuAt] = useState<{ x: number; y: number }>();
  const longPress = useLongPress((element) => {
    const box = element.getBoundingClientRect();
    setMenuAt({ x: box.right, y: box.top });
  });
  return (
    <>
      <RightTooltip label={server.name} hidden={!!menuAt}>
        <div
          {...longPress}
          onContextMenu={(event) => {
            longPress.onContextMenu(event);
            event.preventDefault();
            if (!menuAt) setMenuAt(menuPoint(event));
          }}
          className="group relative flex w-[72px] justify-center"
        >
          <span
            aria-hidden
            className={cn(
              "absolute left-0 top-1/2 w-1 -translate-y-1/2 rounded-r bg-white transition-all",
              active ? "h-10" : unread ? "h-2 group-hover:h-5" : "h-0 group-hover:h-5",
            )}
          />
          <Link
            href={`/channels/${server.id}`}
            aria-current={active ? "page" : undefined}
            data-testid="server-icon"
            data-server-id={server.id}
            data-unread={unread ? "true" : undefined}
            data-muted={muted ? "true" : undefined}
            className={cn(
              "flex size-12 items-center justify-center overflow-hidden font-medium transition-all",
              active
                ? "rounded-2xl bg-blurple text-white"
                : "rounded-3xl bg-chat text-text-strong group-hover:rounded-2xl group-hover:bg-blurple group-hover:text-white",
            )}
            style={{ fontSize: label.length > 2 ? 13 : 16 }}
          >
            {server.icon ? (
              <img
                src={sizedImageUrl(server.icon, 48)}
                alt=""
                width={48}
                height={48}
                draggable={false}
                data-testid="server-icon-image"
                className="size-12 object-cover"
              />
            ) : (
              <span aria-hidden>{label}</span>
            )}
            <span className="sr-only">{muted ? `${server.name}, muted` : unread ? `${server.name}, unread` : server.name}</span>
          </Link>
          {mentions > 0 && (
            <span
              data-testid="server-mention-badge"
              aria-label={`${mentions} mentions`}
              className="pointer-events-none absolute -bottom-1 right-2 box-content flex h-4 min-w-4 items-center justify-center rounded-full border-4 border-rail bg-danger px-1 text-[11px] font-bold text-white"
            >
              {badgeText(mentions)}
            </span>
          )}
        </div>
      </RightTooltip>
      {menuAt && <ServerIconMenu server={server} at={menuAt} onClose={() => setMenuAt(undefined)} />}
    </>
  );
}
