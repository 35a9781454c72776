"use client";

import { useParams } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { MemberSheetBackdrop } from "../shell/member-sheet";
import { showDrawerHere } from "../shell/mobile-drawer";
import { DmSidebar } from "./dm-sidebar";

/** `/channels/me`: the conversation list beside whatever is open. */
export function DmHome({ children }: { children: ReactNode }) {
  const params = useParams<{ channelId?: string }>();
  // On a phone the conversation list is this page, as on Discord's mobile home.
  useEffect(() => {
    if (!params.channelId) showDrawerHere();
  }, [params.channelId]);
  return (
    <>
      <DmSidebar activeId={params.channelId} />
      <main className="flex min-w-0 flex-1 bg-chat">{children}</main>
      <MemberSheetBackdrop />
    </>
  );
}
