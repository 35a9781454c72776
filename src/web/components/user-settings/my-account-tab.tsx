"use client";

import { ShieldCheck, ShieldOff } from "lucide-react";
import { useState, type ReactNode } from "react";
import type { SelfUser } from "@/shared/api";
import { useAuthProviders } from "../auth/use-auth-providers";
import { bannerColorOf } from "../profile/banner";
import { Button } from "../ui/button";
import { Avatar } from "../ui/avatar";
import { SectionLabel, SettingsTitle } from "../ui/settings-shell";
import { maskEmail } from "./format";
import type { UserTab } from "./user-settings";

/** Discord's account card: banner, avatar and the facts about the account, each with a way to change it. */
export function MyAccountTab({ me, onGoTo }: { me: SelfUser; onGoTo: (tab: UserTab) => void }) {
  const [revealed, setRevealed] = useState(false);
  // Without mail nobody can confirm an address, so it is not worth a warning.
  const mailDelivers = useAuthProviders().data?.emailDelivery === true;

  return (
    <>
      <SettingsTitle>My Account</SettingsTitle>
      <div className="overflow-hidden rounded-lg bg-field-deep" data-testid="account-card">
        <div className="h-[100px]" style={{ backgroundColor: bannerColorOf(me) }} />
        <div className="flex items-start gap-4 px-4">
          <span className="-mt-[38px] rounded-full border-[7px] border-field-deep bg-field-deep">

            <Avatar id={me.id} name={me.name || me.username} image={me.image} size={80} />
          </span>
          <div className="min-w-0 flex-1 pt-3">
            <p className="truncate text-xl font-bold text-text-strong" data-testid="account-name">
              {me.name}
            </p>
            <p className="truncate text-sm text-text-muted">@{me.username}</p>
          </div>
          <Button className="mt-4 h-8" onClick={() => onGoTo("profile")}>
            Edit User Profile
          </Button>
        </div>
        <dl className="m-4 flex flex-col gap-6 rounded-lg bg-sidebar p-4">
          <AccountRow label="Display Name" value={me.name} action={<EditButton onClick={() => onGoTo("profile")} />} />
          <AccountRow label="Username" value={me.username} action={<EditButton onClick={() => onGoTo("profile")} />} />
          <AccountRow
            label="Email"
            value={
              <>
                <span data-testid="account-email">{revealed ? me.email : maskEmail(me.email)}</span>{" "}
                <button
                  type="button"
                  data-testid="reveal-email"
                  onClick={() => setRevealed(!revealed)}
                  className="text-sm text-link hover:underline"
                >
                  {revealed ? "Hide" : "Reveal"}
                </button>
                {!me.emailVerified && mailDelivers && <span className="ml-2 text-xs font-semibold text-warning">Not verified</span>}
              </>
            }
          />
        </dl>
      </div>

      <hr className="my-10 border-divider" />
      <h2 className="mb-4 text-xl font-semibold text-text-strong">Password and Authentication</h2>
      <SectionLabel>Two-factor authentication</SectionLabel>
      <div className="flex items-center gap-3" data-testid="account-2fa-status">
        {me.twoFactorEnabled ? (
          <ShieldCheck size={22} className="shrink-0 text-success-soft" />
        ) : (
          <ShieldOff size={22} className="shrink-0 text-text-muted" />
        )}
        <p className="flex-1 text-sm text-text">
          {me.twoFactorEnabled
            ? "Enabled. Signing in asks for a code from your authenticator app."
            : "Off. Add a second step to signing in with an authenticator app."}
        </p>
        <Button variant="secondary" className="h-8" onClick={() => onGoTo("security")}>
          {me.twoFactorEnabled ? "Manage" : "Set Up"}
        </Button>
      </div>
    </>
  );
}

function AccountRow({ label, value, action }: { label: string; value: ReactNode; action?: ReactNode }) {
  return (
    // A <dl> group holds only <dt> and <dd>: the action sits in a second column of the same group.
    <div className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-4">
      <dt className="text-xs font-bold uppercase tracking-wide text-text-muted">{label}</dt>
      <dd className="col-start-1 mt-1 truncate text-text-strong">{value}</dd>
      {action && <dd className="col-start-2 row-span-2 row-start-1">{action}</dd>}
    </div>
  );
}

function EditButton({ onClick }: { onClick: () => void }) {
  return (
    <Button variant="secondary" className="h-8" onClick={onClick}>
      Edit
    </Button>
  );
}
