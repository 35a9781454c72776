"use client";

import { useState } from "react";
import { useMe } from "../../hooks/use-me";
import { useSignOut } from "../../hooks/use-sign-out";
import { describeError } from "../../lib/errors";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { SettingsShell, type SettingsTab } from "../ui/settings-shell";
import { Spinner } from "../ui/spinner";
import { AppearanceTab } from "./appearance-tab";
import { MyAccountTab } from "./my-account-tab";
import { NotificationsTab } from "./notifications-tab";
import { ProfileTab } from "./profile-tab";
import type { LinkReturn } from "./linked-accounts-section";
import { SecurityTab } from "./security-tab";

export type UserTab = "my-account" | "profile" | "security" | "appearance" | "notifications";

const tabs: SettingsTab<UserTab | "log-out">[] = [
  { id: "my-account", label: "My Account" },
  { id: "profile", label: "Profile" },
  { id: "security", label: "Security" },
  { id: "appearance", label: "Appearance" },
  { id: "notifications", label: "Notifications" },
  { id: "log-out", label: "Log Out", danger: true },
];

/** Discord's User Settings: my account, my profile, sign-in security, and logging out. */
export interface UserSettingsProps {
  onClose: () => void;
  initialTab?: UserTab;
  /** Back from connecting a sign-in provider. */
  linkReturn?: LinkReturn;
}

export function UserSettings({ onClose, initialTab = "my-account", linkReturn }: UserSettingsProps) {
  const me = useMe();
  const [active, setActive] = useState<UserTab>(initialTab);
  const [confirmLogOut, setConfirmLogOut] = useState(false);

  return (
    <SettingsShell
      title="User Settings"
      tabs={tabs}
      active={active}
      onSelect={(tab) => (tab === "log-out" ? setConfirmLogOut(true) : setActive(tab))}
      onClose={onClose}
      testId="user-settings"
    >
      {!me.data ? (
        me.error ? <p className="text-danger-soft">{describeError(me.error)}</p> : <Spinner />
      ) : (
        <>
          {active === "my-account" && <MyAccountTab me={me.data} onGoTo={setActive} />}
          {active === "profile" && <ProfileTab me={me.data} />}
          {active === "security" && <SecurityTab me={me.data} linkReturn={linkReturn} />}
          {active === "appearance" && <AppearanceTab me={me.data} />}
          {active === "notifications" && <NotificationsTab />}
        </>
      )}
      <LogOutDialog open={confirmLogOut} onClose={() => setConfirmLogOut(false)} />
    </SettingsShell>
  );
}

function LogOutDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const signOut = useSignOut();
  const [leaving, setLeaving] = useState(false);
  return (
    <Dialog open={open} onClose={onClose} title="Log Out" description="Are you sure you want to log out?" testId="log-out-dialog">
      <div className="flex justify-end gap-2">
        <Button variant="link" className="text-text hover:underline" onClick={onClose}>
          Cancel
        </Button>
        <Button
          variant="danger"
          data-testid="log-out-confirm"
          disabled={leaving}
          onClick={() => {
            setLeaving(true);
            void signOut();
          }}
        >
          Log Out
        </Button>
      </div>
    </Dialog>
  );
}

export { forgetSettingsReturn, takeSettingsReturn, type SettingsReturn } from "./settings-return";
