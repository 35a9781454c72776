"use client";

import { useMe } from "../../hooks/use-me";
import { useMyStatus } from "../../hooks/use-presence";
import { cn } from "../../lib/cn";
import { useStatus, type Status } from "../../stores/presence";

const colours: Record<Status, string> = {
  online: "bg-success",
  idle: "bg-[#f0b232]",
  dnd: "bg-danger",
  offline: "bg-[#80848e]",
};

export const statusLabels: Record<Status | "invisible", string> = {
  online: "Online",
  idle: "Idle",
  dnd: "Do Not Disturb",
  offline: "Offline",
  invisible: "Invisible",
};

/** My own dot follows my choice on this device at once; others' come from the server. */
function useShownStatus(userId: string): Status {
  const me = useMe();
  const others = useStatus(userId);
  const choice = useMyStatus((s) => s.choice);
  const autoIdle = useMyStatus((s) => s.autoIdle);
  if (userId !== me.data?.id) return others;
  if (choice === "invisible") return "offline";
  return choice === "online" && autoIdle ? "idle" : choice;
}

/** The presence dot on an avatar's corner; `className` sets the ring to the background colour. */
export function StatusDot({ userId, className }: { userId: string; className?: string }) {
  const status = useShownStatus(userId);
  return (
    <span
      role="img"
      aria-label={statusLabels[status]}
      data-testid="status-dot"
      data-status={status}
      className={cn("absolute -bottom-0.5 -right-0.5 size-3.5 rounded-full border-[3px]", colours[status], className)}
    />
  );
}
