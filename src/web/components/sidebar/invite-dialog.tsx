"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { limits } from "@/shared/limits";
import { api } from "../../api";
import { copyText } from "../../lib/clipboard";
import { describeError } from "../../lib/errors";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { Spinner } from "../ui/spinner";

const lifetimes = [
  { seconds: 3600, label: "1 hour" },
  { seconds: 24 * 3600, label: "1 day" },
  { seconds: limits.inviteMaxAgeMax, label: "7 days" },
  { seconds: 0, label: "Never" },
] as const;

export interface InviteDialogProps {
  open: boolean;
  onClose: () => void;
  serverId: string;
  serverName: string;
}

export function InviteDialog({ open, onClose, serverId, serverName }: InviteDialogProps) {
  const [maxAge, setMaxAge] = useState<number>(limits.inviteMaxAgeMax);
  const [copied, setCopied] = useState(false);
  const createInvite = useMutation({ mutationFn: (seconds: number) => api.createInvite(serverId, { maxAge: seconds }) });
  const { mutate, reset } = createInvite;

  useEffect(() => {
    if (!open) return;
    setCopied(false);
    mutate(maxAge);
  }, [open, maxAge, mutate]);

  useEffect(() => {
    if (!open) reset();
  }, [open, reset]);

  const link = createInvite.data ? `${window.location.origin}/invite/${createInvite.data.code}` : "";

  return (
    <Dialog open={open} onClose={onClose} title={`Invite friends to ${serverName}`} testId="invite-dialog">
      <p className="mb-2 text-xs font-bold uppercase tracking-wide text-text-muted">Send a server invite link to a friend</p>
      {createInvite.error && <FormError message={describeError(createInvite.error)} />}
      <div className="flex items-center gap-2 rounded-[3px] bg-field-deep p-1 pl-3">
        <span data-testid="invite-link" className="min-w-0 flex-1 select-all truncate text-[15px] text-text">
          {link || <Spinner size={16} />}
        </span>
        <Button
          className="h-8 min-w-[72px]"
          variant={copied ? "success" : "primary"}
          disabled={!link}
          onClick={async () => setCopied(await copyText(link))}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <label className="mt-4 flex items-center gap-2 text-sm text-text-muted">
        Expire after
        <select
          value={maxAge}
          onChange={(e) => setMaxAge(Number(e.target.value))}
          className="rounded bg-field-deep px-2 py-1 text-text"
        >
          {lifetimes.map((option) => (
            <option key={option.seconds} value={option.seconds}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      {createInvite.data?.expiresAt && (
        <p className="mt-2 text-xs text-text-muted">
          Your invite link expires {new Date(createInvite.data.expiresAt).toLocaleString()}.
        </p>
      )}
    </Dialog>
  );
}
