"use client";

import { useEffect, useState } from "react";
import { lazyPart } from "../ui/lazy";
import { DialogLoading, PanelLoading } from "../ui/lazy-loading";

// The new-server form loads when "Add a Server" is clicked.
export const CreateServerForm = lazyPart(() => import("./create-server-form").then((m) => m.CreateServerForm), <PanelLoading />);

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
