import type { ReactNode } from "react";
import { ServerView } from "@/web/components/shell/server-view";

export default async function ServerLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ serverId: string }>;
}) {
  const { serverId } = await params;
  return <ServerView serverId={serverId}>{children}</ServerView>;
}
