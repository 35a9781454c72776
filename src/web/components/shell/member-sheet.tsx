"use client";

import { Users } from "lucide-react";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { isBelowLarge, isPhone } from "../../hooks/use-breakpoint";
import { cn } from "../../lib/cn";
import { useLayout } from "../../stores/layout";

/**
 * Where the member list goes when asked for below xl (wider screens always show it): a
 * sheet from the right over the chat on phones and tablets, so the chat keeps its width,
 * and a column beside the chat on small desktops.
 */
export function memberPanelClass(open: boolean) {
  return open
    ? "block max-lg:fixed max-lg:inset-y-0 max-lg:right-0 max-lg:z-40 max-lg:w-[min(320px,calc(100vw-48px))] max-lg:shadow-2xl"
    : "hidden";
}

function closeMembers() {
  useLayout.getState().setMembersOpen(false);
}

/** The dimmed chat behind the sheet; a tap on it or Escape closes it, and so does a new page on a phone. */
export function MemberSheetBackdrop() {
  const open = useLayout((s) => s.membersOpen);
  const pathname = usePathname();

  useEffect(() => {
    if (isPhone()) closeMembers();
  }, [pathname]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && isBelowLarge() && !document.querySelector("dialog[open]")) closeMembers();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  if (!open) return null;
  return <div aria-hidden data-testid="member-sheet-backdrop" onClick={closeMembers} className="fixed inset-0 z-30 bg-black/60 lg:hidden" />;
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
