"use client";

import { useEffect, useState } from "react";
import { useRemoval } from "../../stores/removal";
import { lazyPart } from "../ui/lazy";
import { DialogLoading, PanelLoading } from "../ui/lazy-loading";

// The new-server form loads when "Add a Server" is clicked.
export const CreateServerForm = lazyPart(() => import("./create-server-form").then((m) => m.CreateServerForm), <PanelLoading />);

// The notice of a kick, ban or deleted server loads when one happens.
const Removed = lazyPart(() => import("./removed-notice").then((m) => m.RemovedNotice));

/** "You were kicked from …" once the server on screen went away. */
export function RemovedNoticeSlot() {
  const shown = useRemoval((s) => s.notice !== null);
  return shown ? <Removed /> : null;
}

// The quick switcher (its list, ranking and search box) loads the first time it opens.
const Switcher = lazyPart(() => import("./quick-switcher").then((m) => m.Switcher), <DialogLoading />);

/** Ctrl+K (or Cmd+K) anywhere in the app opens the quick switcher. */
export function QuickSwitcher() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return open ? <Switcher onClose={() => setOpen(false)} /> : null;
}
