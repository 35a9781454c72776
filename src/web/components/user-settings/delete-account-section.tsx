"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { SelfUser } from "@/shared/api";
import { api, isApiError } from "../../api";
import { closeSocket } from "../../socket";
import { useMessagesStore } from "../../stores/messages";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { Field } from "../ui/field";
import { SectionHeading } from "./section-heading";
import { describeAccountError } from "./errors";

/** The servers named by an OWNS_SERVERS refusal, so the person knows what to hand over first. */
function ownedServers(error: unknown): string[] | undefined {
  if (!isApiError(error, "OWNS_SERVERS")) return undefined;
  const details = error.details as { servers?: Array<{ name?: unknown }> } | null | undefined;
  return (details?.servers ?? []).map((s) => String(s.name ?? "")).filter(Boolean);
}

function describeDeleteError(error: unknown): string {
  const owned = ownedServers(error);
  if (owned) {
    const list = owned.length > 0 ? `: ${owned.join(", ")}` : "";
    return `You own these servers${list}. Transfer ownership or delete them first.`;
  }
  return describeAccountError(error);
}

export function DeleteAccountSection({ me }: { me: SelfUser }) {
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="delete-heading">
      <SectionHeading id="delete-heading" title="Account removal">
        Deleting your account cannot be undone. Your messages stay where they are, shown as from “Deleted user”.
      </SectionHeading>
      <Button variant="danger" data-testid="delete-account-open" onClick={() => setOpen(true)}>
        Delete Account
      </Button>
      {open && <DeleteAccountDialog me={me} onClose={() => setOpen(false)} />}
    </section>
  );
}

function DeleteAccountDialog({ me, onClose }: { me: SelfUser; onClose: () => void }) {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const remove = useMutation({
    mutationFn: () =>
      api.deleteAccount({
        password: me.hasPassword ? password : undefined,
        code: me.twoFactorEnabled ? code.trim() : undefined,
      }),
    onSuccess: () => {
      // Nothing of this account may stay on screen or in memory.
      closeSocket();
      queryClient.clear();
      useMessagesStore.getState().clear();
      router.replace("/sign-in");
    },
  });
  const ready = (!me.hasPassword || password.length > 0) && (!me.twoFactorEnabled || code.trim().length > 0);

  return (
    <Dialog open onClose={onClose} title="Delete Account" testId="delete-account-dialog">
      <form
        className="flex flex-col gap-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) remove.mutate();
        }}
      >
        <div className="rounded bg-[#f0b232] px-3 py-2 text-sm text-black">
          Are you sure? This deletes your account for good. Your messages stay, shown as from “Deleted user”, and you leave
          every server.
        </div>
        <FormError message={remove.error ? describeDeleteError(remove.error) : undefined} />
        {me.hasPassword && (
          <Field
            label="Password"
            type="password"
            autoComplete="current-password"
            autoFocus
            data-testid="delete-account-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
        {me.twoFactorEnabled && (
          <Field
            label="Authentication or backup code"
            autoComplete="one-time-code"
            data-testid="delete-account-code"
            maxLength={32}
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        )}
        <div className="flex justify-end gap-2">
          <Button variant="link" className="text-text hover:underline" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" data-testid="delete-account-confirm" disabled={!ready || remove.isPending}>
            {remove.isPending ? "Deleting…" : "Delete Account"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
