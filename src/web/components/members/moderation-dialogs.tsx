"use client";

import { useState, type FormEvent } from "react";
import { banDeleteWindows, type Member } from "@/shared/api";
import { limits } from "@/shared/limits";
import { useRemoveMember, useUpdateMember } from "../../hooks/use-admin";
import { describeError } from "../../lib/errors";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";

export type ModerationKind = "timeout" | "kick" | "ban";
export interface ModerationAction {
  kind: ModerationKind;
  member: Member;
}

const timeouts = [
  { seconds: 60, label: "60 seconds" },
  { seconds: 5 * 60, label: "5 minutes" },
  { seconds: 10 * 60, label: "10 minutes" },
  { seconds: 3600, label: "1 hour" },
  { seconds: 86400, label: "1 day" },
  { seconds: 7 * 86400, label: "1 week" },
] as const;

const deleteWindowLabels: Record<(typeof banDeleteWindows)[number], string> = {
  0: "Don't delete any",
  3600: "Previous hour",
  86400: "Previous 24 hours",
  604800: "Previous 7 days",
};

const selectClass = "h-10 w-full rounded-[3px] bg-field-deep px-3 text-base font-normal normal-case tracking-normal text-text";
const labelClass = "flex flex-col gap-2 text-xs font-bold uppercase tracking-wide text-text-muted";

/** One dialog for timeout, kick and ban, so the member list and the settings page share it. */
export function ModerationDialog({ serverId, action, onClose }: { serverId: string; action: ModerationAction | undefined; onClose: () => void }) {
  return (
    <Dialog
      open={!!action}
      onClose={onClose}
      title={action ? titleFor(action) : ""}
      testId="moderation-dialog"
    >
      {action && <ModerationForm key={`${action.kind}:${action.member.user.id}`} serverId={serverId} action={action} onDone={onClose} />}
    </Dialog>
  );
}

function titleFor({ kind, member }: ModerationAction): string {
  const name = member.nickname ?? member.user.name;
  if (kind === "timeout") return `Timeout ${name}`;
  if (kind === "kick") return `Kick ${name} from the server`;
  return `Ban ${name}`;
}

function ModerationForm({ serverId, action, onDone }: { serverId: string; action: ModerationAction; onDone: () => void }) {
  const [reason, setReason] = useState("");
  const [seconds, setSeconds] = useState<number>(timeouts[0].seconds);
  const [deleteWindow, setDeleteWindow] = useState<number>(0);
  const update = useUpdateMember(serverId);
  const remove = useRemoveMember(serverId);
  const pending = update.isPending || remove.isPending;
  const error = update.error ?? remove.error;
  const userId = action.member.user.id;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const why = reason.trim() || undefined;
    try {
      if (action.kind === "timeout") {
        const until = new Date(Date.now() + seconds * 1000).toISOString();
        await update.mutateAsync({ userId, input: { timeoutUntil: until, reason: why } });
      } else if (action.kind === "kick") {
        await remove.mutateAsync({ kind: "kick", userId, reason: why });
      } else {
        await remove.mutateAsync({ kind: "ban", userId, reason: why, deleteMessageSeconds: deleteWindow });
      }
      onDone();
    } catch {
      // Shown below from the mutation's error state.
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <p className="text-sm text-text-muted">{explain(action.kind)}</p>
      {error && <FormError message={describeError(error)} />}
      {action.kind === "timeout" && (
        <label className={labelClass}>
          Duration
          <select data-testid="timeout-duration" value={seconds} onChange={(e) => setSeconds(Number(e.target.value))} className={selectClass}>
            {timeouts.map((t) => (
              <option key={t.seconds} value={t.seconds}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
      )}
      {action.kind === "ban" && (
        <label className={labelClass}>
          Delete message history
          <select data-testid="ban-delete-window" value={deleteWindow} onChange={(e) => setDeleteWindow(Number(e.target.value))} className={selectClass}>
            {banDeleteWindows.map((w) => (
              <option key={w} value={w}>
                {deleteWindowLabels[w]}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className={labelClass}>
        Reason (optional)
        <textarea
          data-testid="moderation-reason"
          value={reason}
          maxLength={limits.auditReasonMax}
          onChange={(e) => setReason(e.target.value)}
          rows={2}
          className="resize-none rounded-[3px] bg-field-deep px-3 py-2 text-base font-normal normal-case tracking-normal text-text outline-none"
        />
      </label>
      <div className="flex justify-end gap-2">
        <Button variant="link" className="text-text hover:underline" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" variant="danger" disabled={pending} data-testid="moderation-confirm">
          {pending ? "Working…" : action.kind === "timeout" ? "Timeout" : action.kind === "kick" ? "Kick" : "Ban"}
        </Button>
      </div>
    </form>
  );
}

function explain(kind: ModerationKind): string {
  if (kind === "timeout") return "They can still read, but cannot send messages, react or speak until the timeout ends.";
  if (kind === "kick") return "They can rejoin with a new invite.";
  return "They are removed and cannot rejoin through any invite until unbanned.";
}
