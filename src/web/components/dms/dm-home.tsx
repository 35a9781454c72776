"use client";

import { useParams } from "next/navigation";
import type { ReactNode } from "react";
import { DmSidebar } from "./dm-sidebar";

/** `/channels/me`: the conversation list beside whatever is open. */
export function DmHome({ children }: { children: ReactNode }) {
  const params = useParams<{ channelId?: string }>();
  return (
    <>
      <DmSidebar activeId={params.channelId} />
      <main className="flex min-w-0 flex-1 bg-chat">{children}</main>
    </>
  );
}
