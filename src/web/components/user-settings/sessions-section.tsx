"use client";

import { Monitor, Smartphone } from "lucide-react";
import type { UserSession } from "@/shared/api";
import { useRevokeOtherSessions, useRevokeSession, useSessions } from "../../hooks/use-sessions";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { SectionHeading } from "./section-heading";
import { Spinner } from "../ui/spinner";
import { describeAccountError } from "./errors";
import { isMobileDevice, relativeTime } from "./format";

/** Every device signed in to this account, with a way to sign any other one out. */
export function SessionsSection() {
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const revokeOthers = useRevokeOtherSessions();
  const others = sessions.data?.filter((s) => !s.current) ?? [];
  const error = sessions.error ?? revoke.error ?? revokeOthers.error;

  return (
    <section aria-labelledby="sessions-heading" data-testid="sessions">
      <SectionHeading id="sessions-heading" title="Active sessions">
        Here are all the devices signed in to your account. Sign out any you do not recognise.
      </SectionHeading>
      <FormError message={error ? describeAccountError(error) : undefined} />
      {sessions.isPending && <Spinner />}
      <ul className="flex flex-col gap-2">
        {sessions.data?.map((session) => (
          <SessionRow
            key={session.id}
            session={session}
            revoking={revoke.isPending && revoke.variables === session.id}
            onRevoke={() => revoke.mutate(session.id)}
          />
        ))}
      </ul>
      {others.length > 0 && (
        <Button
          variant="danger"
          className="mt-4"
          data-testid="revoke-other-sessions"
          disabled={revokeOthers.isPending}
          onClick={() => revokeOthers.mutate()}
        >
          {revokeOthers.isPending ? "Signing out…" : "Sign out all other sessions"}
        </Button>
      )}
    </section>
  );
}

function SessionRow({ session, revoking, onRevoke }: { session: UserSession; revoking: boolean; onRevoke: () => void }) {
  const Icon = isMobileDevice(session.device) ? Smartphone : Monitor;
  return (
    <li
      className="flex items-center gap-4 rounded-lg bg-sidebar px-4 py-3"
      data-testid="session"
      data-current={session.current ? "true" : undefined}
    >
      <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-field-deep text-text">

        <Icon size={20} aria-hidden />
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex items-center gap-2 truncate font-semibold text-text-strong">
          <span className="truncate" data-testid="session-device">
            {session.device ?? "Unknown device"}
          </span>
          {session.current && (
            <span className="shrink-0 rounded bg-blurple px-1.5 py-px text-[10px] font-bold uppercase text-white">This device</span>
          )}
        </p>
        <p className="truncate text-xs text-text-muted">
          {session.ipAddress || "Unknown address"} · {session.current ? "Active now" : `Last active ${relativeTime(session.lastActiveAt)}`}
        </p>
      </div>
      {!session.current && (
        <Button variant="secondary" className="h-8" data-testid="revoke-session" disabled={revoking} onClick={onRevoke}>
          {revoking ? "Signing out…" : "Sign out"}
        </Button>
      )}
    </li>
  );
}
