"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { safeNext } from "@/shared/safe-next";
import { getAuthClient } from "../../auth-client";
import { describeAuthError, describeOAuthError } from "../../lib/errors";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { AuthLayout } from "./auth-layout";
import { FormError } from "./form-error";
import { SocialButtons } from "./social-buttons";
import { TwoFactorStep } from "./two-factor-step";
import { useFinishAuth } from "./use-finish-auth";

/**
 * `oauthError` is the `?error=` better-auth adds when a social sign-in sends people back;
 * `twoFactorPending` is set when a social sign-in came back needing the second factor.
 */
export function SignInForm({ next: given, oauthError, twoFactorPending = false }: { next?: string; oauthError?: string; twoFactorPending?: boolean }) {
  const next = safeNext(given);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | undefined>(oauthError ? describeOAuthError(oauthError) : undefined);
  const [submitting, setSubmitting] = useState(false);
  const [twoFactor, setTwoFactor] = useState(twoFactorPending);
  const finish = useFinishAuth(next);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      const result = await getAuthClient().signIn.email({ email: email.trim(), password });
      if (result.error) setError(describeAuthError(result.error));
      else if ("twoFactorRedirect" in result.data && result.data.twoFactorRedirect) setTwoFactor(true);
      else finish();
    } catch {
      setError(describeAuthError({}));
    } finally {
      setSubmitting(false);
    }
  }

  if (twoFactor) {
    return (
      <AuthLayout>
        <TwoFactorStep
          onVerified={finish}
          onRestart={() => {
            setTwoFactor(false);
            setPassword("");
          }}
        />
      </AuthLayout>
    );
  }

  const signUpHref = next ? `/sign-up?next=${encodeURIComponent(next)}` : "/sign-up";

  return (
    <AuthLayout>
      <h1 className="text-center text-2xl font-semibold text-text-strong">Welcome back!</h1>
      <p className="mt-2 text-center text-text-muted">
        {next?.startsWith("/invite/") ? "Sign in to accept your invite." : "We're so excited to see you again!"}
      </p>
      <form onSubmit={onSubmit} className="mt-5 flex flex-col gap-5" noValidate>
        <FormError message={error} />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <div className="flex flex-col gap-1">
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <Link href="/forgot-password" className="self-start text-sm text-link hover:underline" data-testid="forgot-password">
            Forgot your password?
          </Link>
        </div>
        <Button type="submit" disabled={submitting || !email || !password} className="h-11 w-full text-base" data-testid="sign-in-submit">
          {submitting ? "Signing in…" : "Log In"}
        </Button>
      </form>
      <SocialButtons next={next} />
      <p className="mt-4 text-sm text-text-muted">
        Need an account?{" "}
        <Link href={signUpHref} className="text-link underline underline-offset-2">
          Register
        </Link>
      </p>
    </AuthLayout>
  );
}
