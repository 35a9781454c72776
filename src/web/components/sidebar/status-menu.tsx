"use client";

import type { PresenceStatus } from "@/shared/api";
import { useMyStatus } from "../../hooks/use-presence";
import { Menu, MenuItem } from "../ui/menu";
import { statusLabels } from "../ui/status-dot";

const choices: Array<{ status: PresenceStatus; dot: string }> = [
  { status: "online", dot: "bg-success" },
  { status: "idle", dot: "bg-[#f0b232]" },
  { status: "dnd", dot: "bg-danger" },
  // Invisible shows me as offline to everyone else.
  { status: "invisible", dot: "bg-[#80848e]" },
];

/** The status picker's choices, above the user panel. */
export function StatusMenu({ at, choice, onClose }: { at: { x: number; y: number }; choice: PresenceStatus; onClose: () => void }) {
  return (
    <Menu at={at} onClose={onClose} label="Set status" testId="status-menu">
      {choices.map(({ status, dot }) => (
        <MenuItem
          key={status}
          testId={`status-${status}`}
          onSelect={() => {
            useMyStatus.getState().choose(status);
            onClose();
          }}
          icon={<span aria-hidden className={`size-2.5 rounded-full ${dot}`} />}
        >
          <span className={status === choice ? "font-semibold" : undefined}>{statusLabels[status]}</span>
        </MenuItem>
      ))}
    </Menu>
  );
}
