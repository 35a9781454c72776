import type { ReactNode } from "react";
import { DmHome } from "@/web/components/dms/dm-home";

/** `me` is a static segment, so it wins over `[serverId]`: the home view of direct messages. */
export default function DirectMessagesLayout({ children }: { children: ReactNode }) {
  return <DmHome>{children}</DmHome>;
}
