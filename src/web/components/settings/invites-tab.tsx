"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { useState } from "react";
import { inviteMaxAges } from "@/shared/api";
import { api } from "../../api";
import { useInvites } from "../../hooks/use-admin";
import { useMembers } from "../../hooks/use-servers";
import { describeError } from "../../lib/errors";
import { queryKeys } from "../../query-keys";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { SettingsTitle } from "../ui/settings-shell";
import { Spinner } from "../ui/spinner";

const ageLabels: Record<(typeof inviteMaxAges)[number], string> = {
  1800: "30 minutes",
  3600: "1 hour",
  86400: "1 day",
  604800: "7 days",
  0: "Never",
};
const useChoices = [0, 1, 5, 10, 25, 50, 100] as const;
const selectClass = "h-9 rounded-[3px] bg-field-deep px-2 text-sm font-normal normal-case tracking-normal text-text";

export function InvitesTab({ serverId }: { serverId: string }) {
  const invites = useInvites(serverId);
  const members = useMembers(serverId);
  const queryClient = useQueryClient();
  const [maxAge, setMaxAge] = useState<number>(604800);
  const [maxUses, setMaxUses] = useState<number>(0);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.invites(serverId) });
  const create = useMutation({ mutationFn: () => api.createInvite(serverId, { maxAge, maxUses }), onSuccess: refresh });
  const revoke = useMutation({ mutationFn: (code: string) => api.revokeInvite(code), onSuccess: refresh });
  const nameOf = (id: string) => members.data?.find((m) => m.user.id === id)?.user.name ?? "Someone";

  return (
    <>
      <SettingsTitle>Invites</SettingsTitle>
      <div className="mb-6 flex flex-wrap items-end gap-3 rounded-md bg-sidebar p-4">
        <label className="flex flex-col gap-1 text-xs font-bold uppercase tracking-wide text-text-muted">
          Expire after
          <select data-testid="invite-max-age" value={maxAge} onChange={(e) => setMaxAge(Number(e.target.value))} className={selectClass}>
            {inviteMaxAges.map((age) => (
              <option key={age} value={age}>
                {ageLabels[age]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-xs font-bold uppercase tracking-wide text-text-muted">
          Max number of uses
          <select data-testid="invite-max-uses" value={maxUses} onChange={(e) => setMaxUses(Number(e.target.value))} className={selectClass}>
            {useChoices.map((n) => (
              <option key={n} value={n}>
                {n === 0 ? "No limit" : `${n} use${n === 1 ? "" : "s"}`}
              </option>
            ))}
          </select>
        </label>
        <Button className="h-9" data-testid="create-invite" disabled={create.isPending} onClick={() => create.mutate()}>
          {create.isPending ? "Creating…" : "Create Invite"}
        </Button>
      </div>
      {(create.error ?? revoke.error ?? invites.error) && (
        <FormError message={describeError(create.error ?? revoke.error ?? invites.error)} />
      )}
      {!invites.data && !invites.error && <Spinner />}
      {invites.data?.length === 0 && <p className="text-text-muted">No active invites. Create one above.</p>}
      {invites.data && invites.data.length > 0 && (
        <table className="w-full text-left text-sm" data-testid="invites-table">
          <thead className="text-xs uppercase tracking-wide text-text-muted">
            <tr>
              <th className="py-2 font-bold">Inviter</th>
              <th className="font-bold">Code</th>
              <th className="font-bold">Uses</th>
              <th className="font-bold">Expires</th>
              <th />
            </tr>
          </thead>
          <tbody className="divide-y divide-divider">
            {invites.data.map((invite) => (
              <tr key={invite.code} data-testid="invite-row">
                <td className="py-2.5">{nameOf(invite.inviterId)}</td>
                <td className="font-mono">{invite.code}</td>
                <td>
                  {invite.uses}
                  {invite.maxUses > 0 && ` / ${invite.maxUses}`}
                </td>
                <td>{invite.expiresAt ? new Date(invite.expiresAt).toLocaleString() : "Never"}</td>
                <td className="text-right">
                  <button
                    type="button"
                    aria-label={`Revoke invite ${invite.code}`}
                    title="Revoke"
                    disabled={revoke.isPending && revoke.variables === invite.code}
                    onClick={() => revoke.mutate(invite.code)}
                    className="rounded p-1.5 text-text-muted hover:bg-danger hover:text-white"
                  >
                    <Trash2 size={16} />
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
