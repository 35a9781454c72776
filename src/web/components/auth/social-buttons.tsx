"use client";

import { useState } from "react";
import { safeNext } from "@/shared/safe-next";
import { getAuthClient } from "../../auth-client";
import { describeAuthError } from "../../lib/errors";
import { Button } from "../ui/button";
import { Spinner } from "../ui/spinner";
import { FormError } from "./form-error";
import { ProviderIcon } from "./provider-icon";
import { useAuthProviders } from "./use-auth-providers";

/**
 * One button per social provider the operator configured, under an "or" divider; nothing
 * at all when there are none. Clicking leaves for the provider, so the button keeps its
 * spinner until the browser navigates away.
 */
const brandNames: Partial<Record<string, string>> = { google: "Google", github: "GitHub" };

export function SocialButtons({ next: given }: { next?: string }) {
  const next = safeNext(given);
  const providers = useAuthProviders();
  const [pending, setPending] = useState<string>();
  const [error, setError] = useState<string>();
  const social = providers.data?.social ?? [];
  if (social.length === 0) return null;

  async function start(provider: string) {
    setPending(provider);
    setError(undefined);
    try {
      const result = await getAuthClient().signIn.social({
        provider,
        callbackURL: next ?? "/",
        // better-auth appends `error=<code>`; the sign-in page explains it and keeps `next`.
        errorCallbackURL: next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in",
      });
      if (result.error) {
        setError(describeAuthError(result.error));
        setPending(undefined);
      }
    } catch {
      setError(describeAuthError({}));
      setPending(undefined);
    }
  }

  return (
    <div className="mt-5 flex flex-col gap-3">
      <div className="flex items-center gap-3 text-xs font-bold uppercase tracking-wide text-text-muted">
        <span className="h-px flex-1 bg-divider" />
        or
        <span className="h-px flex-1 bg-divider" />
      </div>
      <FormError message={error} />
      {social.map(({ id, name }) => ({ id, name: brandNames[id] ?? name })).map((provider) => (
        <Button
          key={provider.id}
          variant="secondary"
          className="h-11 w-full text-base"
          data-testid={`social-${provider.id}`}
          disabled={pending !== undefined}
          aria-busy={pending === provider.id || undefined}
          onClick={() => void start(provider.id)}
        >
          {pending === provider.id ? <Spinner size={18} className="text-white" /> : <ProviderIcon id={provider.id} />}
          {pending === provider.id ? `Redirecting to ${provider.name}…` : `Continue with ${provider.name}`}
        </Button>
      ))}
    </div>
  );
}
