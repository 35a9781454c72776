"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { KeyRound, Link2 } from "lucide-react";
import type { SelfUser } from "@/shared/api";
import { getAuthClient } from "../../auth-client";
import { queryKeys } from "../../query-keys";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { SectionLabel } from "../ui/settings-shell";
import { Spinner } from "../ui/spinner";
import { authCall, describeAccountError } from "./errors";
import { passwordProviderId, useAuthProviders, useLinkedAccounts } from "./linked-accounts";

/** Sign-in providers the operator set up, each connected to this account or not. */
export function LinkedAccountsSection({ me }: { me: SelfUser }) {
  const queryClient = useQueryClient();
  const providers = useAuthProviders();
  const accounts = useLinkedAccounts();
  const connect = useMutation({
    // better-auth answers with the provider's address; the browser goes there and comes back here.
    mutationFn: (provider: string) =>
      authCall(getAuthClient().linkSocial({ provider, callbackURL: window.location.pathname || "/" })),
  });
  const disconnect = useMutation({
    mutationFn: (accountId: string) => authCall(getAuthClient().unlinkAccount({ accountId })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.linkedAccounts }),
  });
  const social = providers.data?.social ?? [];
  const linked = (accounts.data ?? []).filter((a) => a.providerId !== passwordProviderId);
  const waysIn = linked.length + (me.hasPassword ? 1 : 0);
  const error = connect.error ?? disconnect.error ?? providers.error ?? accounts.error;

  return (
    <section aria-labelledby="linked-heading" data-testid="linked-accounts">
      <SectionLabel>
        <span id="linked-heading">Linked accounts</span>
      </SectionLabel>
      <p className="mb-4 max-w-lg text-sm text-text-muted">Connected accounts let you sign in without your password.</p>
      <FormError message={error ? describeAccountError(error) : undefined} />
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
