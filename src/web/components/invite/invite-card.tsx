"use client";

import { useQuery } from "@tanstack/react-query";
import { CircleX } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { safeNext } from "@/shared/safe-next";
import { api, isApiError } from "../../api";
import { useMe } from "../../hooks/use-me";
import { useAcceptInvite } from "../../hooks/use-servers";
import { describeError } from "../../lib/errors";
import { rememberLastServer } from "../../lib/last-server";
import { queryKeys } from "../../query-keys";
import { AuthLayout } from "../auth/auth-layout";
import { FormError } from "../auth/form-error";
import { Button, buttonClasses } from "../ui/button";
import { Avatar } from "../ui/avatar";
import { Spinner } from "../ui/spinner";

export function InviteCard({ code }: { code: string }) {
  const preview = useQuery({ queryKey: queryKeys.invite(code), queryFn: () => api.previewInvite(code) });
  const me = useMe();
  const accept = useAcceptInvite();
  const router = useRouter();
  const next = safeNext(`/invite/${encodeURIComponent(code)}`) ?? "/";

  if (preview.error) {
    const invalid = isApiError(preview.error, "INVITE_INVALID") || isApiError(preview.error, "NOT_FOUND");
    return (
      <AuthLayout>
        <div className="flex flex-col items-center gap-3 text-center" data-testid="invite-invalid">
          <CircleX size={56} className="text-danger-soft" />
          <h1 className="text-2xl font-semibold text-text-strong">{invalid ? "Invite Invalid" : "Could not open invite"}</h1>
          <p className="text-text-muted">
            {invalid
              ? "This invite may be expired, or you might not have permission to join."
              : describeError(preview.error)}
          </p>
          <Link href="/" className={buttonClasses("primary", "mt-2 h-11 w-full")}>
            Continue to Giga Chat
          </Link>
        </div>
      </AuthLayout>
    );
  }

  if (!preview.data || me.isPending) {
    return (
      <AuthLayout>
        <div className="flex justify-center py-10">
          <Spinner size={32} />
        </div>
      </AuthLayout>
    );
  }

  const { server, memberCount } = preview.data;
  const signedIn = Boolean(me.data);

  async function join() {
    const result = await accept.mutateAsync(code);
    rememberLastServer(result.serverId);
    router.push(`/channels/${result.serverId}`);
  }

  return (
    <AuthLayout>
      <div className="flex flex-col items-center text-center" data-testid="invite-card">
        <Avatar id={server.id} name={server.name} image={server.icon} size={64} className="rounded-2xl" />
        <p className="mt-4 text-sm text-text-muted">You have been invited to join</p>
        <h1 className="mt-1 text-2xl font-semibold text-text-strong" data-testid="invite-server-name">
          {server.name}
        </h1>
        <p className="mt-2 flex items-center gap-1.5 text-sm text-text-muted">
          <span className="size-2 rounded-full bg-text-muted" />
          {memberCount} {memberCount === 1 ? "Member" : "Members"}
        </p>
        <div className="mt-6 flex w-full flex-col gap-3">
          {accept.error && (
            <FormError
              message={
                isApiError(accept.error, "INVITE_INVALID")
                  ? "This invite is no longer valid. Ask for a new one."
                  : describeError(accept.error)
              }
            />
          )}
          {signedIn ? (
            <Button className="h-11 w-full text-base" data-testid="join-server" disabled={accept.isPending} onClick={() => void join().catch(() => undefined)}>
              {accept.isPending ? "Joining…" : `Join ${server.name}`}
            </Button>
          ) : (
            <>
              <Link
                href={`/sign-in?next=${encodeURIComponent(next)}`}
                className={buttonClasses("primary", "h-11 w-full text-base")}
                data-testid="invite-sign-in"
              >
                Sign in to join
              </Link>
              <Link href={`/sign-up?next=${encodeURIComponent(next)}`} className="text-sm text-link hover:underline" data-testid="invite-sign-up">
                Create an account
              </Link>
            </>
          )}
        </div>
      </div>
    </AuthLayout>
  );
}
