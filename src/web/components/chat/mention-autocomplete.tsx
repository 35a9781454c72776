"use client";

import { AtSign, Hash } from "lucide-react";
import { cn } from "../../lib/cn";
import type { MentionChoice } from "../../lib/mentions";
import { roleColor } from "../../lib/role-color";
import { InitialsIcon } from "../ui/initials-icon";

export interface MentionAutocompleteProps {
  query: string;
  choices: MentionChoice[];
  active: number;
  onHover: (index: number) => void;
  onPick: (choice: MentionChoice) => void;
}

/** The list above the composer while typing `@…` or `#…` (`query` with its sign); the composer owns the keys. */
export function MentionAutocomplete({ query, choices, active, onHover, onPick }: MentionAutocompleteProps) {
  if (choices.length === 0) return null;
  return (
    <div
      role="listbox"
      aria-label={choices[0]?.kind === "channel" ? "Channel suggestions" : "Mention suggestions"}
      data-testid="mention-autocomplete"
      className="absolute inset-x-0 bottom-full z-20 mb-2 rounded-lg bg-sidebar p-2 shadow-xl ring-1 ring-black/30"
    >
      <div className="px-2 pb-1 text-xs font-bold uppercase tracking-wide text-text-muted">
        {choices[0]?.kind === "channel"
          ? query.length > 1
            ? `Channels matching ${query}`
            : "Channels"
          : query.length > 1
            ? `Members matching ${query}`
            : "Members"}
      </div>
      {choices.map((choice, index) => (
        <button
          key={`${choice.kind}:${choice.id}`}
          type="button"
          role="option"
          aria-selected={index === active}
          data-testid="mention-option"
          data-kind={choice.kind}
          data-id={choice.id}
          // Keeps the caret in the composer; a click would otherwise blur it first.
          onMouseDown={(e) => e.preventDefault()}
          onMouseEnter={() => onHover(index)}
          onClick={() => onPick(choice)}
          className={cn("flex h-10 w-full items-center gap-3 rounded px-2 text-left", index === active && "bg-hover")}
        >
          {choice.kind === "user" ? (
            <InitialsIcon id={choice.id} name={choice.label} size={24} />
          ) : choice.kind === "channel" ? (
            <Hash size={20} className="mx-0.5 text-text-muted" />
          ) : (
            <AtSign size={20} className="mx-0.5 text-text-muted" style={{ color: choice.color ? roleColor(choice.color) : undefined }} />
          )}
          <span className="truncate font-medium text-text-strong" style={{ color: choice.color ? roleColor(choice.color) : undefined }}>
            {choice.kind === "user" || choice.kind === "channel" ? choice.label : `@${choice.label}`}
          </span>
          {choice.detail && <span className="ml-auto truncate text-sm text-text-muted">{choice.detail}</span>}
        </button>
      ))}
    </div>
  );
}
