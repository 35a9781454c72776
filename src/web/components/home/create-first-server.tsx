"use client";

import { LogOut, Sparkles } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { useSignOut } from "../../hooks/use-sign-out";
import { parseInviteCode } from "../../lib/invite-code";
import { AuthLayout } from "../auth/auth-layout";
import { CreateServerForm } from "../shell/create-server-form";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

export function CreateFirstServer({ userName }: { userName: string }) {
  const router = useRouter();
  const signOut = useSignOut();
  const [invite, setInvite] = useState("");
  const [inviteError, setInviteError] = useState<string>();

  function onJoin(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = parseInviteCode(invite);
    if (!code) {
      setInviteError("Paste a link like https://…/invite/AbC123 or just the code");
      return;
    }
    router.push(`/invite/${code}`);
  }

  return (
    <AuthLayout>
      <div className="flex flex-col items-center text-center">
        <span className="flex size-14 items-center justify-center rounded-full bg-blurple text-white">
          <Sparkles size={28} />
        </span>
        <h1 className="mt-4 text-2xl font-bold text-text-strong">Create your first server</h1>
        <p className="mt-2 text-text-muted">
          Your server is where you and your friends hang out. Make yours and start talking.
        </p>
      </div>
      <div className="mt-6">
        <CreateServerForm defaultName={`${userName}'s server`} />
      </div>
      <div className="my-6 flex items-center gap-3 text-xs uppercase text-text-muted">
        <span className="h-px flex-1 bg-divider" />
        or
        <span className="h-px flex-1 bg-divider" />
      </div>
      <form onSubmit={onJoin} className="flex flex-col gap-3" noValidate>
        <Field
          label="Have an invite? Paste it"
          name="invite"
          placeholder="https://example.com/invite/AbC123"
          value={invite}
          error={inviteError}
          onChange={(e) => {
            setInvite(e.target.value);
            setInviteError(undefined);
          }}
        />
        <Button type="submit" variant="secondary" className="self-end" disabled={!invite.trim()}>
          Join a server
        </Button>
      </form>
      <button
        type="button"
        onClick={() => void signOut()}
        className="mt-6 inline-flex items-center gap-1 text-sm text-text-muted hover:text-text"
      >
        <LogOut size={14} /> Sign out
      </button>
    </AuthLayout>
  );
}
