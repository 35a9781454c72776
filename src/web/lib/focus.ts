/** Keyboard focus helpers shared by menus, popovers and lists. */

const focusableSelector = [
  "a[href]",
  "button:not(:disabled)",
  "input:not(:disabled):not([type=hidden])",
  "select:not(:disabled)",
  "textarea:not(:disabled)",
  "[tabindex]:not([tabindex='-1'])",
].join(",");

/** What Tab can reach inside `container`, in document order, skipping what is not displayed. */
export function focusablesIn(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(focusableSelector)].filter((el) => el.getClientRects().length > 0);
}

/** Keeps Tab and Shift+Tab inside `container`, wrapping at its ends. Returns whether it moved focus. */
export function trapTab(event: KeyboardEvent, container: HTMLElement): boolean {
  if (event.key !== "Tab") return false;
  const items = focusablesIn(container);
  const first = items[0];
  const last = items[items.length - 1];
  const current = document.activeElement;
  if (!first || !last) {
    event.preventDefault();
    return true;
  }
  const outside = !current || !container.contains(current);
  if (event.shiftKey && (current === first || current === container || outside)) {
    event.preventDefault();
    last.focus();
    return true;
  }
  if (!event.shiftKey && (current === last || outside)) {
    event.preventDefault();
    first.focus();
    return true;
  }
  return false;
}

/** Moves focus among `items` for ArrowUp/Down (or Left/Right), Home and End; wraps. Returns whether the key was used. */
export function moveFocusByKey(event: { key: string; preventDefault: () => void }, items: HTMLElement[], axis: "vertical" | "horizontal" = "vertical"): boolean {
  const [back, forward] = axis === "vertical" ? ["ArrowUp", "ArrowDown"] : ["ArrowLeft", "ArrowRight"];
  const at = items.indexOf(document.activeElement as HTMLElement);
  let next: number;
  if (event.key === forward) next = at === -1 ? 0 : (at + 1) % items.length;
  else if (event.key === back) next = at === -1 ? items.length - 1 : (at - 1 + items.length) % items.length;
  else if (event.key === "Home") next = 0;
  else if (event.key === "End") next = items.length - 1;
  else return false;
  event.preventDefault();
  items[next]?.focus();
  return true;
}

/** Puts focus back on `opener` unless something else took it on purpose (it is lost on the body otherwise). */
export function returnFocus(opener: Element | null): void {
  const now = document.activeElement;
  if (!(opener instanceof HTMLElement) || !opener.isConnected) return;
  if (now && now !== document.body && now.isConnected) return;
  opener.focus({ preventScroll: true });
  if (document.activeElement === opener) return;
  // A trigger shown only while its row has focus (a message's action bar) is not displayed now:
  // focus the row, which shows it, then the trigger; the row at least when that fails.
  const row = opener.parentElement?.closest<HTMLElement>("[tabindex]");
  row?.focus({ preventScroll: true });
  opener.focus({ preventScroll: true });
}
