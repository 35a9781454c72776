"use client";

import { useRouter } from "next/navigation";
import { useState, type MouseEvent, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { jumpToMessage } from "../../hooks/use-channel-messages";
import { channelLinkTarget, inAppPath } from "../../lib/app-links";
import { lazyPart } from "../ui/lazy";
import { DialogLoading } from "../ui/lazy-loading";
import { useContentMode } from "./content-mode";

const LeaveAppDialog = lazyPart(() => import("./leave-app-dialog").then((m) => m.LeaveAppDialog), <DialogLoading />);

/**
 * A link in a message. Links into this app (message and channel links) open in place,
 * a message link jumping to its message; every other link first shows where it goes
 * (masked or not, as Discord asks for all links it does not trust).
 */
export function MarkdownLink({ href, masked, children }: { href: string; masked: boolean; children: ReactNode }) {
  const { interactive } = useContentMode();
  const router = useRouter();
  const [leaving, setLeaving] = useState(false);
  // A masked link's text can claim anything; the tooltip always tells the truth.
  const title = masked ? href : undefined;
  if (!interactive) {
    return (
      <span data-md="link" title={title} className="text-link">
        {children}
      </span>
    );
  }

  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented) return;
    const path = inAppPath(href, window.location.origin);
    if (path !== null) {
      // With a modifier the browser's own new tab or window is what was asked for.
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      const target = channelLinkTarget(path);
      if (target?.messageId) {
        // Started before navigating, so the channel opens around the message, not at the latest one.
        void jumpToMessage(target.channelId, target.messageId);
        router.push(`/channels/${target.serverId}/${target.channelId}`);
      } else router.push(path);
      return;
    }
    event.preventDefault();
    setLeaving(true);
  };

  return (
    <>
      <a
        href={href}
        target="_blank"
        rel="noopener noreferrer nofollow"
        referrerPolicy="no-referrer"
        title={title}
        data-md="link"
        onClick={onClick}
        className="text-link hover:underline"
      >
        {children}
      </a>
      {leaving && createPortal(<LeaveAppDialog href={href} onClose={() => setLeaving(false)} />, document.body)}
    </>
  );
}
