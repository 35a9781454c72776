"use client";

import Link from "next/link";
import { MailCheck } from "lucide-react";
import { useState, type FormEvent } from "react";
import { getAuthClient } from "../../auth-client";
import { describeAuthError } from "../../lib/errors";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { AuthLayout } from "./auth-layout";
import { FormError } from "./form-error";
import { useAuthProviders } from "./use-auth-providers";

export function ForgotPasswordForm() {
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const [sent, setSent] = useState(false);
  const providers = useAuthProviders();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      const result = await getAuthClient().requestPasswordReset({ email: email.trim(), redirectTo: "/reset-password" });
      // The server answers alike whether or not the account exists, so an error is a real one.
      if (result.error) setError(describeAuthError(result.error));
      else setSent(true);
    } catch {
      setError(describeAuthError({}));
    } finally {
      setSubmitting(false);
    }
  }

  if (sent) {
    return (
      <AuthLayout>
        <div className="flex flex-col items-center text-center" data-testid="reset-requested">
          <MailCheck size={48} className="text-blurple" aria-hidden />
          <h1 className="mt-3 text-2xl font-semibold text-text-strong">Check your email</h1>
          <p className="mt-2 text-text-muted">If an account exists for that email, we sent a link to reset the password.</p>
          {providers.data?.emailDelivery === false && (
            <p className="mt-3 rounded bg-[#f0b232]/15 px-3 py-2 text-sm text-warning" data-testid="no-email-delivery">
              This server has no email set up: ask its operator for the link from the server log.
            </p>
          )}
          <Link href="/sign-in" className="mt-5 text-sm text-link hover:underline">
            Back to sign in
          </Link>
        </div>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout>
      <h1 className="text-center text-2xl font-semibold text-text-strong">Forgot your password?</h1>
      <p className="mt-2 text-center text-text-muted">Enter your email and we&apos;ll send you a link to choose a new one.</p>
      <form onSubmit={onSubmit} className="mt-5 flex flex-col gap-5" noValidate>
        <FormError message={error} />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          autoFocus
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Button type="submit" disabled={submitting || !email.trim()} className="h-11 w-full text-base" data-testid="forgot-password-submit">
          {submitting ? "Sending…" : "Send reset link"}
        </Button>
      </form>
      <p className="mt-3 text-sm">
        <Link href="/sign-in" className="text-link underline underline-offset-2">
          Back to sign in
        </Link>
      </p>
    </AuthLayout>
  );
}
