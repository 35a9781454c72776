"use client";

import { LogOut } from "lucide-react";
import { useMe } from "../../hooks/use-me";
import { useSignOut } from "../../hooks/use-sign-out";
import { InitialsIcon } from "../ui/initials-icon";

export function UserPanel() {
  const me = useMe();
  const signOut = useSignOut();
  if (!me.data) return <div className="h-[52px] shrink-0 bg-panel" />;

  return (
    <div className="flex h-[52px] shrink-0 items-center gap-2 bg-panel px-2" data-testid="user-panel">
      <span className="relative">
        <InitialsIcon id={me.data.id} name={me.data.name} size={32} />
        <span aria-hidden className="absolute -bottom-0.5 -right-0.5 size-3.5 rounded-full border-[3px] border-panel bg-success" />
      </span>
      <div className="min-w-0 flex-1 leading-tight">
        <div className="truncate text-sm font-semibold text-text-strong">{me.data.name}</div>
        <div className="truncate text-xs text-text-muted">Online</div>
      </div>
      <button
        type="button"
        aria-label="Sign out"
        title="Sign out"
        data-testid="sign-out"
        onClick={() => void signOut()}
        className="rounded p-1.5 text-text-muted hover:bg-hover hover:text-text-strong"
      >
        <LogOut size={18} />
      </button>
    </div>
  );
}
