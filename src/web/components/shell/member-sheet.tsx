"use client";

import { Users } from "lucide-react";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { isPhone } from "../../hooks/use-breakpoint";
import { cn } from "../../lib/cn";
import { useLayout } from "../../stores/layout";

/**
 * Where the member list goes when asked for below xl (wider screens always show it): a
 * column beside the chat on tablets, a sheet from the right over the chat on phones.
 */
export function memberPanelClass(open: boolean) {
  return open
    ? "block max-md:fixed max-md:inset-y-0 max-md:right-0 max-md:z-40 max-md:w-[min(320px,calc(100vw-48px))] max-md:shadow-2xl"
    : "hidden";
}

function closeMembers() {
  useLayout.getState().setMembersOpen(false);
}

/** The dimmed chat behind the phone sheet; a tap on it, Escape or a new page closes the sheet. */
export function MemberSheetBackdrop() {
  const open = useLayout((s) => s.membersOpen);
  const pathname = usePathname();

  useEffect(() => {
    if (isPhone()) closeMembers();
  }, [pathname]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && isPhone() && !document.querySelector("dialog[open]")) closeMembers();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  if (!open) return null;
  return <div aria-hidden data-testid="member-sheet-backdrop" onClick={closeMembers} className="fixed inset-0 z-30 bg-black/60 md:hidden" />;
}

/** The header's member list toggle, below the widths where the list is always there. */
export function MembersButton() {
  const open = useLayout((s) => s.membersOpen);
  const label = open ? "Hide Member List" : "Show Member List";
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-pressed={open}
      data-testid="members-toggle"
      onClick={() => useLayout.getState().setMembersOpen(!open)}
      className={cn(
        "flex shrink-0 items-center justify-center hover:text-text-strong max-md:size-11 xl:hidden",
        open ? "text-text-strong" : "text-text-muted",
      )}
    >
      <Users size={20} />
    </button>
  );
}
