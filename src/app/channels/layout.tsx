import type { ReactNode } from "react";
import { AppShell } from "@/web/components/shell/app-shell";

export default function ChannelsLayout({ children }: { children: ReactNode }) {
  return <AppShell>{children}</AppShell>;
}
