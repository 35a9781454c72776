"use client";

import { ShieldCheck, ShieldOff } from "lucide-react";
import { useState } from "react";
import type { SelfUser } from "@/shared/api";
import { Button } from "../ui/button";
import { SectionHeading } from "./section-heading";
import { DisableTwoFactorDialog, EnableTwoFactorDialog, RegenerateCodesDialog } from "./two-factor-dialogs";

type Open = "enable" | "disable" | "regenerate";

export function TwoFactorSection({ me }: { me: SelfUser }) {
  const [open, setOpen] = useState<Open>();
  const close = () => setOpen(undefined);

  return (
    <section aria-labelledby="two-factor-heading" data-testid="two-factor" data-enabled={me.twoFactorEnabled ? "true" : "false"}>
      <SectionHeading id="two-factor-heading" title="Two-factor authentication" />
      <div className="flex max-w-lg items-start gap-3">
        {me.twoFactorEnabled ? (
          <ShieldCheck size={22} className="mt-0.5 shrink-0 text-success-soft" />
        ) : (
          <ShieldOff size={22} className="mt-0.5 shrink-0 text-text-muted" />
        )}
        <p className="text-sm text-text" data-testid="two-factor-status">
          {me.twoFactorEnabled
            ? "Two-factor authentication is on. Signing in asks for a code from your authenticator app or a backup code."
            : "Protect your account with a code from an authenticator app (Google Authenticator, Authy, 1Password…) on top of your password."}
        </p>
      </div>
      <div className="mt-4 flex flex-wrap gap-2">
        {me.twoFactorEnabled ? (
          <>
            <Button variant="secondary" data-testid="regenerate-backup-codes" onClick={() => setOpen("regenerate")}>
              Regenerate backup codes
            </Button>
            <Button variant="danger" data-testid="disable-2fa" onClick={() => setOpen("disable")}>
              Remove 2FA
            </Button>
          </>
        ) : me.hasPassword ? (
          <Button data-testid="enable-2fa" onClick={() => setOpen("enable")}>
            Enable Two-Factor Auth
          </Button>
        ) : (
          <p className="max-w-lg text-sm text-text-muted">Two-factor authentication needs a password: set one first.</p>
        )}
      </div>
      {open === "enable" && <EnableTwoFactorDialog onClose={close} />}
      {open === "disable" && <DisableTwoFactorDialog onClose={close} />}
      {open === "regenerate" && <RegenerateCodesDialog onClose={close} />}
    </section>
  );
}
