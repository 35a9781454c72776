"use client";

import { X } from "lucide-react";
import { useState } from "react";
import { useMe } from "../../hooks/use-me";
import { describeAuthError } from "../../lib/errors";
import { useAuthProviders } from "../auth/use-auth-providers";

type SendState = { kind: "idle" } | { kind: "sending" } | { kind: "sent" } | { kind: "failed"; message: string };

/**
 * Discord's slim notice bar, until the address is confirmed or the bar is dismissed for this
 * visit. Only where mail leaves the machine: without SMTP the link goes to the server's log,
 * nobody could confirm, and an unconfirmed address blocks nothing.
 */
export function VerifyEmailBanner() {
  const me = useMe();
  const providers = useAuthProviders();
  const [dismissed, setDismissed] = useState(false);
  const [send, setSend] = useState<SendState>({ kind: "idle" });
  if (dismissed || !me.data || me.data.emailVerified !== false || providers.data?.emailDelivery !== true) return null;
  const { email } = me.data;

  async function resend() {
    setSend({ kind: "sending" });
    try {
      const { getAuthClient } = await import("../../auth-client");
      const result = await getAuthClient().sendVerificationEmail({ email, callbackURL: "/" });
      setSend(result.error ? { kind: "failed", message: describeAuthError(result.error) } : { kind: "sent" });
    } catch {
      setSend({ kind: "failed", message: describeAuthError({}) });
    }
  }

  return (
    <div
      role="status"
      data-testid="verify-email-banner"
      className="relative flex h-9 shrink-0 items-center justify-center gap-3 bg-blurple px-10 text-sm font-medium text-white"
    >
      <span className="truncate">Please confirm your email address ({email}).</span>
      {send.kind === "sent" ? (
        <span className="shrink-0" data-testid="verify-email-sent">
          Sent! Check your inbox.
        </span>
      ) : (
        <>
          {send.kind === "failed" && <span className="shrink-0 truncate text-white/80">{send.message}</span>}
          <button
            type="button"
            data-testid="verify-email-resend"
            disabled={send.kind === "sending"}
            onClick={() => void resend()}
            className="h-6 shrink-0 rounded-[3px] border border-white px-2 text-xs font-semibold hover:bg-white hover:text-blurple disabled:opacity-60"
          >
            {send.kind === "sending" ? "Sending…" : "Resend email"}
          </button>
        </>
      )}
      <button
        type="button"
        aria-label="Dismiss"
        data-testid="verify-email-dismiss"
        onClick={() => setDismissed(true)}
        className="absolute right-3 rounded p-0.5 text-white/80 hover:text-white"
      >
        <X size={18} />
      </button>
    </div>
  );
}
