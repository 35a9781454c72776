"use client";

import { useRef, useState, type FormEvent } from "react";
import { getAuthClient } from "../../auth-client";
import { describeAuthError } from "../../lib/errors";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { FormError } from "./form-error";

type Method = "totp" | "backup";

/** Codes are often pasted as "123 456"; backup codes look like "AbCdE-12345". */
function cleanCode(method: Method, raw: string): string {
  return method === "totp" ? raw.replace(/\D/g, "").slice(0, 6) : raw.replace(/[^A-Za-z0-9-]/g, "").slice(0, 32);
}

/**
 * The second step of a password sign-in for accounts with two-factor on. The first step
 * left a short-lived two-factor cookie; either verify call turns it into a session.
 */
export function TwoFactorStep({ onVerified, onRestart }: { onVerified: () => void; onRestart: () => void }) {
  const [method, setMethod] = useState<Method>("totp");
  const [code, setCode] = useState("");
  const [trustDevice, setTrustDevice] = useState(false);
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  function switchMethod(to: Method) {
    setMethod(to);
    setCode("");
    setError(undefined);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      const client = getAuthClient();
      const result =
        method === "totp"
          ? await client.twoFactor.verifyTotp({ code, trustDevice })
          : await client.twoFactor.verifyBackupCode({ code, trustDevice });
      if (result.error) {
        setError(describeAuthError(result.error));
        setCode("");
        (form.current?.elements.namedItem("code") as HTMLInputElement | null)?.focus();
      } else {
        onVerified();
      }
    } catch {
      setError(describeAuthError({}));
    } finally {
      setSubmitting(false);
    }
  }

  const complete = method === "totp" ? code.length === 6 : code.length >= 4;

  return (
    <div data-testid="two-factor-step">
      <h1 className="text-center text-2xl font-semibold text-text-strong">Two-factor authentication</h1>
      <p className="mt-2 text-center text-text-muted">
        {method === "totp"
          ? "Enter the 6-digit code from your authenticator app."
          : "Enter one of the backup codes you saved when you turned on two-factor."}
      </p>
      <form ref={form} onSubmit={onSubmit} className="mt-5 flex flex-col gap-5" noValidate>
        <FormError message={error} />
        <Field
          key={method}
          label={method === "totp" ? "Authentication code" : "Backup code"}
          name="code"
          data-testid="two-factor-code"
          inputMode={method === "totp" ? "numeric" : "text"}
          autoComplete={method === "totp" ? "one-time-code" : "off"}
          autoCapitalize="off"
          spellCheck={false}
          autoFocus
          required
          value={code}
          className="font-mono tracking-widest"
          onChange={(e) => setCode(cleanCode(method, e.target.value))}
        />
        <label className="flex cursor-pointer items-center gap-2 text-sm text-text-muted">
          <input
            type="checkbox"
            data-testid="two-factor-trust"
            checked={trustDevice}
            onChange={(e) => setTrustDevice(e.target.checked)}
            className="size-4 accent-blurple"
          />
          Trust this device for 30 days
        </label>
        <Button
          type="submit"
          disabled={submitting || !complete}
          className="h-11 w-full text-base"
          data-testid="two-factor-submit"
        >
          {submitting ? "Checking…" : "Log In"}
        </Button>
      </form>
      <div className="mt-3 flex items-center justify-between text-sm">
        <button
          type="button"
          data-testid="two-factor-switch"
          className="text-link hover:underline"
          onClick={() => switchMethod(method === "totp" ? "backup" : "totp")}
        >
          {method === "totp" ? "Use a backup code instead" : "Use your authenticator app instead"}
        </button>
        <button type="button" className="text-text-muted hover:underline" onClick={onRestart}>
          Back to sign in
        </button>
      </div>
    </div>
  );
}
