/**
 * Discord's keyboard for the message list. A message takes focus (one tab stop for the
 * list, arrows between messages), and while it has it: R replies, E edits, + reacts,
 * P pins, Delete or Backspace deletes, Escape goes back to the composer. Each key presses
 * the matching button of the message's action bar, so what a key may do is exactly what
 * the bar offers this person.
 */
import type { KeyboardEvent } from "react";

const messageSelector = "li[data-testid=message]";

const actionKeys: Record<string, string> = {
  r: "action-reply",
  e: "action-edit",
  "+": "action-react",
  "=": "action-react",
  p: "action-pin",
  Delete: "action-delete",
  Backspace: "action-delete",
};

export function messageOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof HTMLElement ? target.closest<HTMLElement>(messageSelector) : null;
}

/** Handles a key pressed on a focused message (not on a control inside it); true when used. */
export function handleMessageKey(event: KeyboardEvent<HTMLElement>): boolean {
  const message = event.target instanceof HTMLElement && event.target.matches(messageSelector) ? event.target : null;
  if (!message || event.altKey || event.ctrlKey || event.metaKey) return false;
  const messages = [...event.currentTarget.querySelectorAll<HTMLElement>(messageSelector)];
  const at = messages.indexOf(message);
  const go = (index: number) => {
    const next = messages[Math.max(0, Math.min(messages.length - 1, index))];
    if (!next) return;
    event.preventDefault();
    next.focus();
    next.scrollIntoView({ block: "nearest" });
  };
  switch (event.key) {
    case "ArrowUp":
      go(at - 1);
      return true;
    case "ArrowDown":
      go(at + 1);
      return true;
    case "Home":
      go(0);
      return true;
    case "End":
      go(messages.length - 1);
      return true;
    case "Escape": {
      const composer = document.querySelector<HTMLElement>("[data-testid=composer]");
      if (!composer) return false;
      event.preventDefault();
      composer.focus();
      return true;
    }
  }
  const action = actionKeys[event.key.length === 1 ? event.key.toLowerCase() : event.key];
  const button = action && message.querySelector<HTMLButtonElement>(`[data-testid=${action}]`);
  if (!button) return false;
  event.preventDefault();
  button.click();
  return true;
}
