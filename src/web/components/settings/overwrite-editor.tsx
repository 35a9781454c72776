"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Channel, Overwrite } from "@/shared/api";
import { api } from "../../api";
import { useAccess } from "../../hooks/use-access";
import { useMembers, useRoles } from "../../hooks/use-servers";
import { cn } from "../../lib/cn";
import { describeError } from "../../lib/errors";
import { displayName } from "../../lib/member-groups";
import { bits, channelPermissionGroupsFor, flagOf } from "../../lib/permission-labels";
import { roleColor } from "../../lib/role-color";
import { queryKeys } from "../../query-keys";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { SettingsTitle } from "../ui/settings-shell";
import { TriStateSwitch, type TriState } from "./tri-state";

interface Target {
  id: string;
  type: "role" | "member";
}

/** Per-channel overwrites: pick a role or member, then deny / inherit / allow each flag. */
export function OverwriteEditor({ serverId, channel }: { serverId: string; channel: Channel }) {
  const roles = useRoles(serverId);
  const members = useMembers(serverId);
  const access = useAccess(serverId);
  const [selected, setSelected] = useState<Target>({ id: serverId, type: "role" });
  // Targets added in this session that have no saved overwrite yet.
  const [added, setAdded] = useState<Target[]>([]);
  const saved: Target[] = channel.overwrites.map((o) => ({ id: o.id, type: o.type }));
  const targets = [{ id: serverId, type: "role" as const }, ...saved, ...added].filter(
    (t, i, all) => all.findIndex((x) => x.id === t.id) === i,
  );
  const labelOf = (t: Target): string => {
    if (t.id === serverId) return "@everyone";
    if (t.type === "role") return roles.data?.find((r) => r.id === t.id)?.name ?? "Deleted role";
    const member = members.data?.find((m) => m.user.id === t.id);
    return member ? `@${displayName(member)}` : "Former member";
  };
  const addable = [
    ...(roles.data ?? []).filter((r) => r.id !== serverId && !targets.some((t) => t.id === r.id)).reverse().map((r) => ({ id: r.id, type: "role" as const, label: r.name })),
    ...(members.data ?? []).filter((m) => !targets.some((t) => t.id === m.user.id)).map((m) => ({ id: m.user.id, type: "member" as const, label: `@${displayName(m)}` })),
  ];
  const current = channel.overwrites.find((o) => o.id === selected.id);

  return (
    <>
      <SettingsTitle>Permissions</SettingsTitle>
      <p className="mb-4 text-sm text-text-muted">
        Overwrites change what a role or person may do in this channel only. A member gets everyone&apos;s, then all their
        roles&apos; (deny, then allow), then their own.
      </p>
      <div className="flex gap-6">
        <div className="flex w-52 shrink-0 flex-col gap-1">
          <select
            aria-label="Add a role or member"
            data-testid="overwrite-add"
            value=""
            onChange={(e) => {
              const pick = addable.find((a) => a.id === e.target.value);
              if (!pick) return;
              setAdded((list) => [...list, { id: pick.id, type: pick.type }]);
              setSelected({ id: pick.id, type: pick.type });
            }}
            className="mb-2 h-8 rounded bg-field-deep px-2 text-sm text-text"
          >
            <option value="">+ Add role or member</option>
            {addable.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
          {targets.map((t) => (
            <button
              key={t.id}
              type="button"
              data-testid="overwrite-target"
              onClick={() => setSelected(t)}
              className={cn("flex h-8 items-center gap-2 rounded px-2 text-left text-sm font-medium", t.id === selected.id ? "bg-selected text-text-strong" : "text-text hover:bg-hover")}
            >
              {t.type === "role" && (
                <span aria-hidden className="size-2.5 shrink-0 rounded-full" style={{ backgroundColor: roleColor(roles.data?.find((r) => r.id === t.id)?.color ?? 0) ?? "#99aab5" }} />
              )}
              <span className="truncate">{labelOf(t)}</span>
            </button>
          ))}
        </div>
        <div className="min-w-0 flex-1">
          <OverwriteForm
            key={`${selected.id}:${current?.allow}:${current?.deny}`}
            channel={channel}
            target={selected}
            title={labelOf(selected)}
            current={current}
            grantable={access.can}
            onRemoved={() => {
              setAdded((list) => list.filter((t) => t.id !== selected.id));
              setSelected({ id: serverId, type: "role" });
            }}
          />
        </div>
      </div>
    </>
  );
}

interface OverwriteFormProps {
  channel: Channel;
  target: Target;
  title: string;
  current: Overwrite | undefined;
  grantable: (flag: bigint) => boolean;
  onRemoved: () => void;
}

function OverwriteForm({ channel, target, title, current, grantable, onRemoved }: OverwriteFormProps) {
  const queryClient = useQueryClient();
  const [allow, setAllow] = useState(bits(current?.allow));
  const [deny, setDeny] = useState(bits(current?.deny));
  const dirty = allow !== bits(current?.allow) || deny !== bits(current?.deny);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.channels(channel.serverId ?? "") });
  const save = useMutation({
    mutationFn: () => api.putOverwrite(channel.id, target.id, { type: target.type, allow: allow.toString(), deny: deny.toString() }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => api.deleteOverwrite(channel.id, target.id),
    onSuccess: () => {
      refresh();
      onRemoved();
    },
  });

  const reset = () => {
    setAllow(bits(current?.allow));
    setDeny(bits(current?.deny));
  };
  const stateOf = (flag: bigint): TriState => ((allow & flag) === flag ? "allow" : (deny & flag) === flag ? "deny" : "inherit");
  const set = (flag: bigint, state: TriState) => {
    setAllow(state === "allow" ? allow | flag : allow & ~flag);
    setDeny(state === "deny" ? deny | flag : deny & ~flag);
  };

  return (
    <div className="flex flex-col gap-5" data-testid="overwrite-form">
      <div className="flex items-center gap-3">
        <h2 className="flex-1 font-semibold text-text-strong">{title}</h2>
        {current && (
          <Button variant="link" className="h-8 text-danger-soft hover:underline" disabled={remove.isPending} onClick={() => remove.mutate()}>
            {remove.isPending ? "Removing…" : "Remove overwrite"}
          </Button>
        )}
      </div>
      {(save.error ?? remove.error) && <FormError message={describeError(save.error ?? remove.error)} />}
      {channelPermissionGroupsFor(channel.type).map((group) => (
        <section key={group.title}>
          <h3 className="mb-1 text-xs font-bold uppercase tracking-wide text-text-muted">{group.title}</h3>
          <ul className="divide-y divide-divider">
            {group.flags.map((info) => {
              const flag = flagOf(info.name);
              const state = stateOf(flag);
              return (
                <li key={info.name} className="flex items-center gap-4 py-2.5" data-testid={`overwrite-${info.name}`}>
                  <div className="flex-1">
                    <p className="font-medium text-text-strong">{info.label}</p>
                    <p className="text-xs text-text-muted">{info.hint}</p>
                  </div>
                  <TriStateSwitch value={state} label={info.label} disabled={state === "inherit" && !grantable(flag)} onChange={(v) => set(flag, v)} />
                </li>
              );
            })}
          </ul>
        </section>
      ))}
      {dirty && (
        <div className="sticky bottom-4 flex items-center gap-3 rounded-md bg-floating px-4 py-2.5 shadow-xl">
          <span className="flex-1 text-sm">Careful — you have unsaved changes!</span>
          <Button variant="link" className="text-text hover:underline" onClick={reset}>
            Reset
          </Button>
          <Button variant="success" data-testid="overwrite-save" disabled={save.isPending} onClick={() => save.mutate()}>
            {save.isPending ? "Saving…" : "Save Changes"}
          </Button>
        </div>
      )}
    </div>
  );
}
