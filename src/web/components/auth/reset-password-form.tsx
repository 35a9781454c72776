"use client";

import Link from "next/link";
import { CircleCheck } from "lucide-react";
import { useState, type FormEvent } from "react";
import { limits } from "@/shared/limits";
import { getAuthClient } from "../../auth-client";
import { describeAuthError } from "../../lib/errors";
import { buttonClasses, Button } from "../ui/button";
import { Field } from "../ui/field";
import { AuthLayout } from "./auth-layout";
import { FormError } from "./form-error";

function passwordProblem(password: string): string | undefined {
  if (password.length < limits.passwordMin) return `At least ${limits.passwordMin} characters`;
  if (password.length > limits.passwordMax) return `At most ${limits.passwordMax} characters`;
  return undefined;
}

function InvalidLink() {
  return (
    <div className="flex flex-col items-center text-center" data-testid="reset-invalid">
      <h1 className="text-2xl font-semibold text-text-strong">Link expired</h1>
      <p className="mt-2 text-text-muted">This reset link is invalid or has expired. Request a new one.</p>
      <Link href="/forgot-password" className={buttonClasses("primary", "mt-5 h-11 w-full text-base")}>
        Request a new link
      </Link>
    </div>
  );
}

/** `token` comes from the emailed link; better-auth sends `error=INVALID_TOKEN` instead when it is stale. */
export function ResetPasswordForm({ token, error: linkError }: { token?: string; error?: string }) {
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [error, setError] = useState<string>();
  const [invalid, setInvalid] = useState(!token || linkError === "INVALID_TOKEN");
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState(false);

  // Shown as people type, once there is something to judge.
  const passwordError = password ? passwordProblem(password) : undefined;
  const confirmError = confirm && confirm !== password ? "Passwords do not match" : undefined;
  const ready = !!password && !passwordProblem(password) && confirm === password;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!ready || !token) return;
    setSubmitting(true);
    setError(undefined);
    try {
      const result = await getAuthClient().resetPassword({ newPassword: password, token });
      if (result.error?.code === "INVALID_TOKEN") setInvalid(true);
      else if (result.error) setError(describeAuthError(result.error));
      else setDone(true);
    } catch {
      setError(describeAuthError({}));
    } finally {
      setSubmitting(false);
    }
  }

  if (invalid) {
    return (
      <AuthLayout>
        <InvalidLink />
      </AuthLayout>
    );
  }

  if (done) {
    return (
      <AuthLayout>
        <div className="flex flex-col items-center text-center" data-testid="reset-done">
          <CircleCheck size={48} className="text-success-soft" aria-hidden />
          <h1 className="mt-3 text-2xl font-semibold text-text-strong">Password changed</h1>
          <p className="mt-2 text-text-muted">Your new password is set. Sign in with it from now on.</p>
          <Link href="/sign-in" className={buttonClasses("primary", "mt-5 h-11 w-full text-base")}>
            Sign in
          </Link>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout>
      <h1 className="text-center text-2xl font-semibold text-text-strong">Choose a new password</h1>
      <form onSubmit={onSubmit} className="mt-5 flex flex-col gap-5" noValidate>
        <FormError message={error} />
        <Field
          label="New password"
          name="new-password"
          type="password"
          autoComplete="new-password"
          autoFocus
          required
          value={password}
          error={passwordError}
          data-testid="reset-password"
          onChange={(e) => setPassword(e.target.value)}
        />
        <Field
          label="Confirm new password"
          name="confirm-password"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          error={confirmError}
          data-testid="reset-confirm"
          onChange={(e) => setConfirm(e.target.value)}
        />
        <Button type="submit" disabled={submitting || !ready} className="h-11 w-full text-base" data-testid="reset-submit">
          {submitting ? "Saving…" : "Change password"}
        </Button>
      </form>
    </AuthLayout>
  );
}
