"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { limits } from "@/shared/limits";
import { safeNext } from "@/shared/safe-next";
import { getAuthClient } from "../../auth-client";
import { describeAuthError } from "../../lib/errors";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { AuthLayout } from "./auth-layout";
import { FormError } from "./form-error";
import { SocialButtons } from "./social-buttons";
import { useFinishAuth } from "./use-finish-auth";

interface FieldErrors {
  email?: string;
  name?: string;
  password?: string;
}

function validate(email: string, name: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = "Enter a valid email address";
  if (!name.trim()) errors.name = "Choose a display name";
  else if (name.trim().length > limits.userNameMax) errors.name = `At most ${limits.userNameMax} characters`;
  if (password.length < limits.passwordMin) errors.password = `At least ${limits.passwordMin} characters`;
  else if (password.length > limits.passwordMax) errors.password = `At most ${limits.passwordMax} characters`;
  return errors;
}

export function SignUpForm({ next: given }: { next?: string }) {
  const next = safeNext(given);
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const finish = useFinishAuth(next);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    const errors = validate(email.trim(), name, password);
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setSubmitting(true);
    try {
      const result = await getAuthClient().signUp.email({ email: email.trim(), name: name.trim(), password });
      if (result.error) setError(describeAuthError(result.error));
      else finish();
    } catch {
      setError(describeAuthError({}));
    } finally {
      setSubmitting(false);
    }
  }

  const signInHref = next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in";

  return (
    <AuthLayout>
      <h1 className="text-center text-2xl font-semibold text-text-strong">Create an account</h1>
      {next?.startsWith("/invite/") && (
        <p className="mt-2 text-center text-text-muted">You will join the server right after.</p>
      )}
      <form onSubmit={onSubmit} className="mt-5 flex flex-col gap-5" noValidate>
        <FormError message={error} />
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          error={fieldErrors.email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label="Display name"
          name="name"
          autoComplete="nickname"
          required
          maxLength={limits.userNameMax}
          value={name}
          error={fieldErrors.name}
          onChange={(e) => setName(e.target.value)}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          error={fieldErrors.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button type="submit" disabled={submitting} className="h-11 w-full text-base" data-testid="sign-up-submit">
          {submitting ? "Creating your account…" : "Continue"}
        </Button>
      </form>
      <SocialButtons next={next} />
      <p className="mt-4 text-sm">
        <Link href={signInHref} className="text-link underline underline-offset-2">
          Already have an account?
        </Link>
      </p>
    </AuthLayout>
  );
}
