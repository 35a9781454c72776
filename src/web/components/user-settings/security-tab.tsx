"use client";

import type { SelfUser } from "@/shared/api";
import { SettingsTitle } from "../ui/settings-shell";
import { DeleteAccountSection } from "./delete-account-section";
import { LinkedAccountsSection, type LinkReturn } from "./linked-accounts-section";
import { PasswordSection } from "./password-section";
import { SessionsSection } from "./sessions-section";
import { TwoFactorSection } from "./two-factor-section";

/** How I sign in and where I am signed in, then the way out for good. */
export function SecurityTab({ me, linkReturn }: { me: SelfUser; linkReturn?: LinkReturn }) {
  return (
    <>
      <SettingsTitle>Security</SettingsTitle>
      <PasswordSection me={me} />
      <hr className="my-8 border-divider" />
      <TwoFactorSection me={me} />
      <hr className="my-8 border-divider" />
      <SessionsSection />
      <hr className="my-8 border-divider" />
      <LinkedAccountsSection me={me} returned={linkReturn} />
      <hr className="my-8 border-divider" />
      <DeleteAccountSection me={me} />
    </>
  );
}
