"use client";

import { lazy, Suspense, useState, type ComponentType, type ReactNode } from "react";
import { DialogLoading } from "./lazy-loading";

/**
 * Parts the first screen does not show load on use: each is its own chunk, fetched the
 * first time it renders. `fallback` shows meanwhile (nothing by default).
 */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>, fallback: ReactNode = null): ComponentType<P> {
  const Part = lazy(() => load().then((component) => ({ default: component })));
  function LazyPart(props: P) {
    return (
      <Suspense fallback={fallback}>
        <Part {...props} />
      </Suspense>
    );
  }
  return LazyPart;
}

/**
 * A dialog that is always rendered with an `open` flag: nothing is loaded (or drawn)
 * until it first opens; from then on it stays, so it closes the way it always did.
 */
export function lazyDialog<P extends { open: boolean }>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Part = lazyPart(load, <DialogLoading />);
  function LazyDialog(props: P) {
    const [opened, setOpened] = useState(props.open);
    if (props.open && !opened) setOpened(true);
    return opened ? <Part {...props} /> : null;
  }
  return LazyDialog;
}
