"use client";

import { Menu } from "lucide-react";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { isPhone } from "../../hooks/use-breakpoint";
import { useEdgeSwipe } from "../../hooks/use-edge-swipe";
import { useLayout } from "../../stores/layout";

/*
 * On phones the server rail and the channel (or conversation) column leave the flow and
 * slide in over the chat; the shell's `data-drawer` says whether they are out. The classes
 * are plain strings so the server renders the same page as the first client render.
 */
const slide = "max-md:transition-[transform,visibility] max-md:duration-200 max-md:group-data-[drawer=closed]/shell:invisible";
export const drawerRailClass = `max-md:fixed max-md:inset-y-0 max-md:left-0 max-md:z-40 ${slide} max-md:group-data-[drawer=closed]/shell:-translate-x-full`;
export const drawerColumnClass = `max-md:fixed max-md:inset-y-0 max-md:left-[72px] max-md:right-12 max-md:z-40 max-md:w-auto max-md:shadow-2xl ${slide} max-md:group-data-[drawer=closed]/shell:-translate-x-[calc(100%+72px)]`;

/**
 * The drawer is part of the browser history, as Discord's mobile list is its own screen:
 * opening it adds an entry ("pushed"), and an entry left while it was out (a server
 * switched inside it) is marked ("kept"). Back from a channel picked in the drawer
 * therefore lands on the list again, and back from a drawer opened by hand closes it.
 */
const historyKey = "drawer";
type Mark = "pushed" | "kept";

function currentMark(): Mark | undefined {
  const state: unknown = window.history.state;
  return state && typeof state === "object" ? ((state as Record<string, unknown>)[historyKey] as Mark | undefined) : undefined;
}

function markCurrentEntry(mark: Mark | undefined) {
  const { [historyKey]: _dropped, ...rest } = (window.history.state ?? {}) as Record<string, unknown>;
  window.history.replaceState(mark ? { ...rest, [historyKey]: mark } : rest, "");
}

/**
 * Closing goes back one entry, which the browser does later; opening again before that
 * lands waits for it, or the late pop would close the drawer just opened.
 */
const backInFlight = { pending: false, reopen: false };

export function openDrawer() {
  const layout = useLayout.getState();
  if (layout.drawerOpen) return;
  if (backInFlight.pending) backInFlight.reopen = true;
  else if (isPhone()) window.history.pushState({ [historyKey]: "pushed" satisfies Mark }, "");
  layout.setDrawerOpen(true);
}

/** Closed by hand (outside tap, Escape, swipe), not by picking a channel. */
export function closeDrawer() {
  const layout = useLayout.getState();
  if (!layout.drawerOpen) return;
  const mark = currentMark();
  layout.setDrawerOpen(false);
  if (mark === "pushed") {
    backInFlight.pending = true;
    backInFlight.reopen = false;
    window.history.back();
  }
  else if (mark) markCurrentEntry(undefined);
}

/** Shows the list at once, without a history entry: the list is what this page is. */
export function showDrawerHere() {
  if (!isPhone() || useLayout.getState().drawerOpen) return;
  markCurrentEntry("kept");
  useLayout.getState().setDrawerOpen(true);
}

/** The behaviour of the drawer: history, gestures, Escape, and the dimmed chat behind it. */
export function MobileDrawer() {
  const open = useLayout((s) => s.drawerOpen);
  const pathname = usePathname();
  useEdgeSwipe({ open, onOpen: openDrawer, onClose: closeDrawer });

  useEffect(() => {
    if (isPhone() && currentMark()) useLayout.getState().setDrawerOpen(true);
    const onPop = () => {
      const reopen = backInFlight.pending && backInFlight.reopen;
      backInFlight.pending = false;
      backInFlight.reopen = false;
      if (reopen) window.history.pushState({ [historyKey]: "pushed" satisfies Mark }, "");
      useLayout.getState().setDrawerOpen(reopen || (isPhone() && !!currentMark()));
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);

  // A server switched inside the drawer is a new entry; back to it should show its list.
  useEffect(() => {
    if (open && isPhone() && window.location.pathname === pathname && !currentMark()) markCurrentEntry("kept");
  }, [open, pathname]);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      // A dialog opened from the drawer takes its own Escape first.
      if (event.key === "Escape" && !document.querySelector("dialog[open]")) closeDrawer();
    };
    // A channel or conversation picked in the drawer shows its chat; server icons keep it out.
    const onClick = (event: MouseEvent) => {
      const target = event.target instanceof Element ? event.target : null;
      if (target?.closest("[data-drawer-links] a[href]")) useLayout.getState().setDrawerOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("click", onClick);
    };
  }, [open]);

  // The chat behind an open drawer is out of reach for Tab and screen readers, as behind a dialog.
  useEffect(() => {
    if (!open || !isPhone()) return;
    const behind = [...document.querySelectorAll("main")].filter((main) => !main.inert);
    for (const main of behind) main.inert = true;
    return () => {
      for (const main of behind) main.inert = false;
    };
  }, [open, pathname]);

  if (!open) return null;
  return <div aria-hidden data-testid="drawer-backdrop" onClick={closeDrawer} className="fixed inset-0 z-30 bg-black/60 md:hidden" />;
}

/** The header's menu button on phones: the way to the servers and channels. */
export function DrawerButton() {
  return (
    <button
      type="button"
      aria-label="Open servers and channels"
      title="Servers and channels"
      data-testid="drawer-button"
      onClick={openDrawer}
      className="-ml-2 flex size-11 shrink-0 items-center justify-center rounded text-text-muted hover:text-text-strong md:hidden"
    >
      <Menu size={24} />
    </button>
  );
}
