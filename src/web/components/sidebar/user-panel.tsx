"use client";

import { LogOut, Settings } from "lucide-react";
import { useEffect, useState } from "react";
import { useMe } from "../../hooks/use-me";
import { useMyStatus } from "../../hooks/use-presence";
import { useSignOut } from "../../hooks/use-sign-out";
import { Avatar } from "../ui/avatar";
import { StatusDot, statusLabels } from "../ui/status-dot";
import { StatusMenu } from "./sidebar-lazy";
import { forgetSettingsReturn, takeSettingsReturn, UserSettings, type SettingsReturn } from "../user-settings/user-settings-lazy";

export function UserPanel() {
  const me = useMe();
  const signOut = useSignOut();
  const choice = useMyStatus((s) => s.choice);
  const autoIdle = useMyStatus((s) => s.autoIdle);
  const [menuAt, setMenuAt] = useState<{ x: number; y: number }>();
  const [settings, setSettings] = useState<SettingsReturn>();
  // Back from a sign-in provider (connecting an account): reopen settings where it started.
  useEffect(() => setSettings(takeSettingsReturn()), []);
  if (!me.data) return <div className="h-[52px] shrink-0 bg-panel" />;
  const shown = choice === "online" && autoIdle ? "idle" : choice;

  return (
    <div className="flex h-[52px] shrink-0 items-center gap-2 bg-panel px-2" data-testid="user-panel">
      <button
        type="button"
        data-testid="status-picker"
        aria-haspopup="menu"
        aria-expanded={!!menuAt}
        onClick={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          setMenuAt(menuAt ? undefined : { x: box.left, y: box.top - 150 });
        }}
        className="flex min-w-0 flex-1 items-center gap-2 rounded px-0.5 py-1 text-left hover:bg-hover"
      >
        <span className="relative">
          <Avatar id={me.data.id} name={me.data.name} image={me.data.image} size={32} />
          <StatusDot userId={me.data.id} className="border-panel" />
        </span>
        <span className="min-w-0 flex-1 leading-tight">
          <span className="block truncate text-sm font-semibold text-text-strong">{me.data.name}</span>
          <span className="block truncate text-xs text-text-muted" data-testid="my-status">
            {statusLabels[shown]}
          </span>
        </span>
        <span className="sr-only">{`Set status (now ${statusLabels[shown]})`}</span>
      </button>
      <button
        type="button"
        aria-label="User Settings"
        title="User Settings"
        data-testid="user-settings-open"
        onClick={() => setSettings({})}
        className="rounded p-1.5 text-text-muted max-md:p-3 hover:bg-hover hover:text-text-strong"
      >
        <Settings size={18} />
      </button>
      <button
        type="button"
        aria-label="Sign out"
        title="Sign out"
        data-testid="sign-out"
        onClick={() => void signOut()}
        className="rounded p-1.5 text-text-muted max-md:p-3 hover:bg-hover hover:text-text-strong"
      >
        <LogOut size={18} />
      </button>
      {menuAt && <StatusMenu at={menuAt} choice={choice} onClose={() => setMenuAt(undefined)} />}
      {settings && (
        <UserSettings
          {...settings}
          onClose={() => {
            forgetSettingsReturn();
            setSettings(undefined);
          }}
        />
      )}
    </div>
  );
}
