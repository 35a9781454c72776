"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import type { SelfUser } from "@/shared/api";
import { limits } from "@/shared/limits";
import { getAuthClient } from "../../auth-client";
import { queryKeys } from "../../query-keys";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { SectionHeading } from "./section-heading";
import { authCall, describeAccountError } from "./errors";
import { passwordProviderId, useLinkedAccounts, useProviderName } from "./linked-accounts";

export function PasswordSection({ me }: { me: SelfUser }) {
  return (
    <section aria-labelledby="password-heading">
      <SectionHeading id="password-heading" title="Password" />
      {me.hasPassword ? <ChangePasswordForm /> : <NoPasswordNote email={me.email} />}
    </section>
  );
}

function NoPasswordNote({ email }: { email: string }) {
  const accounts = useLinkedAccounts();
  const providerName = useProviderName();
  const social = accounts.data?.find((a) => a.providerId !== passwordProviderId);
  return (
    <p className="max-w-lg text-sm text-text-muted" data-testid="no-password-note">
      You signed up with {social ? providerName(social.providerId) : "a connected account"}, so this account has no password. To
      set one, use <span className="font-semibold text-text">Forgot your password?</span> on the sign-in page with {email}.
    </p>
  );
}

function ChangePasswordForm() {
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [signOutOthers, setSignOutOthers] = useState(true);
  const [problem, setProblem] = useState<string>();
  const change = useMutation({
    mutationFn: () =>
      authCall(getAuthClient().changePassword({ currentPassword: current, newPassword: next, revokeOtherSessions: signOutOthers })),
    onSuccess: () => {
      setCurrent("");
      setNext("");
      setConfirm("");
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    change.reset();
    if (next.length < limits.passwordMin) return setProblem(`The new password needs at least ${limits.passwordMin} characters.`);
    if (next.length > limits.passwordMax) return setProblem(`The new password can have at most ${limits.passwordMax} characters.`);
    if (next !== confirm) return setProblem("The new passwords do not match.");
    setProblem(undefined);
    change.mutate();
  }

  return (
    <form onSubmit={onSubmit} className="flex max-w-md flex-col gap-4" noValidate data-testid="change-password-form">
      <FormError message={problem ?? (change.error ? describeAccountError(change.error) : undefined)} />
      {change.isSuccess && (
        <p role="status" className="text-sm text-success-soft" data-testid="password-changed">
          Your password has been changed.
        </p>
      )}
      <Field
        label="Current Password"
        type="password"
        autoComplete="current-password"
        data-testid="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
      />
      <Field
        label="New Password"
        type="password"
        autoComplete="new-password"
        data-testid="new-password"
        value={next}
        onChange={(e) => setNext(e.target.value)}
      />
      <Field
        label="Confirm New Password"
        type="password"
        autoComplete="new-password"
        data-testid="confirm-password"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
      />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          data-testid="revoke-others-on-change"
          checked={signOutOthers}
          onChange={(e) => setSignOutOthers(e.target.checked)}
          className="size-4 accent-blurple"
        />
        Sign out of all other devices
      </label>
      <Button type="submit" className="self-start" data-testid="change-password-submit" disabled={!current || !next || !confirm || change.isPending}>
        {change.isPending ? "Changing…" : "Change Password"}
      </Button>
    </form>
  );
}
