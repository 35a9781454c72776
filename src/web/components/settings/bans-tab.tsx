"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api";
import { useBans } from "../../hooks/use-admin";
import { describeError } from "../../lib/errors";
import { queryKeys } from "../../query-keys";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { Avatar } from "../ui/avatar";
import { SettingsTitle } from "../ui/settings-shell";
import { Spinner } from "../ui/spinner";

export function BansTab({ serverId }: { serverId: string }) {
  const bans = useBans(serverId);
  const queryClient = useQueryClient();
  const unban = useMutation({
    mutationFn: (userId: string) => api.unban(serverId, userId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.bans(serverId) }),
  });

  return (
    <>
      <SettingsTitle>Bans — {bans.data?.length ?? 0}</SettingsTitle>
      <p className="mb-4 text-sm text-text-muted">Banned people cannot rejoin through any invite until you unban them.</p>
      {(bans.error ?? unban.error) && <FormError message={describeError(bans.error ?? unban.error)} />}
      {!bans.data && !bans.error && <Spinner />}
      {bans.data?.length === 0 && <p className="text-text-muted">Nobody is banned.</p>}
      <ul className="divide-y divide-divider">
        {bans.data?.map((ban) => (
          <li key={ban.user.id} className="flex items-center gap-3 py-3" data-testid="ban-row">
            <Avatar id={ban.user.id} name={ban.user.name} image={ban.user.image} size={36} />
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium text-text-strong">{ban.user.name}</p>
              <p className="truncate text-xs text-text-muted">
                {ban.reason ? `Reason: ${ban.reason}` : "No reason given"} · {new Date(ban.createdAt).toLocaleDateString()}
              </p>
            </div>
            <Button
              variant="secondary"
              className="h-8"
              disabled={unban.isPending && unban.variables === ban.user.id}
              onClick={() => unban.mutate(ban.user.id)}
            >
              {unban.isPending && unban.variables === ban.user.id ? "Unbanning…" : "Revoke Ban"}
            </Button>
          </li>
        ))}
      </ul>
    </>
  );
}
