"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { KeyRound, Link2 } from "lucide-react";
import type { SelfUser } from "@/shared/api";
import { getAuthClient } from "../../auth-client";
import { useSessions } from "../../hooks/use-sessions";
import { queryKeys } from "../../query-keys";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { SectionHeading } from "./section-heading";
import { Spinner } from "../ui/spinner";
import { authCall, describeAccountError } from "./errors";
import { passwordProviderId, useAuthProviders, useLinkedAccounts } from "./linked-accounts";

/** What the provider round trip came back with, read from the address by the user panel. */
export interface LinkReturn {
  error?: string;
  description?: string;
}

const linkErrors: Partial<Record<string, string>> = {
  email_does_not_match: "That account uses a different email address from yours, so it was not connected.",
  "email_doesn't_match": "That account uses a different email address from yours, so it was not connected.",
  account_already_linked_to_different_user: "That account is already connected to another user.",
  unable_to_link_account: "That account could not be connected. Try again.",
  access_denied: "The connection was cancelled.",
};

function describeLinkError(back: LinkReturn): string | undefined {
  if (!back.error) return undefined;
  return linkErrors[back.error] ?? back.description ?? `That account could not be connected (${back.error}).`;
}

/** Providers send the browser back here, with settings open on this section (and an error, if any). */
function returnURL(): string {
  return `${window.location.pathname}?settings=security`;
}

/** Sign-in providers the operator set up, each connected to this account or not. */
export function LinkedAccountsSection({ me, returned }: { me: SelfUser; returned?: LinkReturn }) {
  const queryClient = useQueryClient();
  const sectionRef = useRef<HTMLElement>(null);
  const providers = useAuthProviders();
  const accounts = useLinkedAccounts();
  // The sections above load too; scroll once the page has its height.
  const settled = useSessions().isFetched && providers.isFetched && accounts.isFetched;
  useEffect(() => {
    if (returned && settled) sectionRef.current?.scrollIntoView({ block: "center" });
  }, [returned, settled]);
  const connect = useMutation({
    // better-auth answers with the provider's address; the browser goes there and comes back here.
    mutationFn: (provider: string) =>
      authCall(getAuthClient().linkSocial({ provider, callbackURL: returnURL(), errorCallbackURL: returnURL() })),
  });
  const disconnect = useMutation({
    mutationFn: (accountId: string) => authCall(getAuthClient().unlinkAccount({ accountId })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.linkedAccounts }),
  });
  const social = providers.data?.social ?? [];
  const linked = (accounts.data ?? []).filter((a) => a.providerId !== passwordProviderId);
  const waysIn = linked.length + (me.hasPassword ? 1 : 0);
  const error = connect.error ?? disconnect.error ?? providers.error ?? accounts.error;
  const message = error ? describeAccountError(error) : returned && describeLinkError(returned);

  return (
    <section ref={sectionRef} aria-labelledby="linked-heading" data-testid="linked-accounts">
      <SectionHeading id="linked-heading" title="Linked accounts">
        Connected accounts let you sign in without your password.
      </SectionHeading>
      <FormError message={message} />
      {(providers.isPending || accounts.isPending) && <Spinner />}
      {providers.data && social.length === 0 && (
        <p className="text-sm text-text-muted">This server has no other sign-in providers set up.</p>
      )}
      <ul className="flex max-w-lg flex-col gap-2">
        {accounts.data &&
          social.map((provider) => {
            const account = linked.find((a) => a.providerId === provider.id);
            const last = !!account && waysIn <= 1;
            return (
              <li key={provider.id} className="flex items-center gap-3 rounded-lg bg-sidebar px-4 py-3" data-testid="linked-provider" data-provider={provider.id}>
                <KeyRound size={20} className="shrink-0 text-text-muted" aria-hidden />
                <div className="min-w-0 flex-1">
                  <p className="font-semibold text-text-strong">{provider.name}</p>
                  <p className="text-xs text-text-muted">{account ? "Connected" : "Not connected"}</p>
                </div>
                {account ? (
                  <Button
                    variant="secondary"
                    className="h-8"
                    data-testid="unlink-provider"
                    disabled={last || disconnect.isPending}
                    title={last ? "This is your only way to sign in. Set a password or connect another account first." : undefined}
                    onClick={() => disconnect.mutate(account.id)}
                  >
                    Disconnect
                  </Button>
                ) : (
                  <Button
                    className="h-8"
                    data-testid="link-provider"
                    disabled={connect.isPending}
                    onClick={() => connect.mutate(provider.id)}
                  >
                    <Link2 size={16} /> Connect
                  </Button>
                )}
              </li>
            );
          })}
      </ul>
      {linked.length > 0 && waysIn <= 1 && (
        <p className="mt-2 max-w-lg text-xs text-text-muted">
          You cannot disconnect your only way to sign in. Set a password first.
        </p>
      )}
    </section>
  );
}
