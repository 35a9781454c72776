"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { Server, ServerDetail } from "@/shared/api";
import { limits } from "@/shared/limits";
import { api } from "../../api";
import { useAccess } from "../../hooks/use-access";
import { useChannels, useMembers, useServer } from "../../hooks/use-servers";
import { describeError } from "../../lib/errors";
import { formatBytes } from "../../lib/format-bytes";
import { displayName } from "../../lib/member-groups";
import { queryKeys } from "../../query-keys";
import { FormError } from "../auth/form-error";
import { Avatar } from "../ui/avatar";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { ImageUploadField } from "../ui/image-upload-field";
import { SectionLabel, SettingsTitle } from "../ui/settings-shell";

export function OverviewTab({ serverId, onDeleted }: { serverId: string; onDeleted: () => void }) {
  const server = useServer(serverId);
  const access = useAccess(serverId);
  if (!server.data) return null;
  return (
    <>
      <SettingsTitle>Server Overview</SettingsTitle>
      <ServerIconField server={server.data} />
      <hr className="my-8 border-divider" />
      <RenameForm key={server.data.name} server={server.data} />
      <hr className="my-8 border-divider" />
      <SystemChannelField server={server.data} />
      {access.isOwner && (
        <>
          <hr className="my-8 border-divider" />
          <TransferOwnership server={server.data} />
          <hr className="my-8 border-divider" />
          <DeleteServer server={server.data} onDeleted={onDeleted} />
        </>
      )}
    </>
  );
}

function useUpdateServer(serverId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name?: string; ownerId?: string; systemChannelId?: string | null }) => api.updateServer(serverId, input),
    onSuccess: (server) => {
      queryClient.setQueryData<ServerDetail>(queryKeys.server(serverId), (detail) => detail && { ...detail, ...server });
      queryClient.setQueryData<Server[]>(queryKeys.servers, (list) => list?.map((s) => (s.id === server.id ? server : s)));
      void queryClient.invalidateQueries({ queryKey: queryKeys.server(serverId), exact: true });
    },
  });
}

function ServerIconField({ server }: { server: ServerDetail }) {
  const queryClient = useQueryClient();
  const saved = (next: Server) => {
    queryClient.setQueryData<ServerDetail>(queryKeys.server(server.id), (detail) => detail && { ...detail, ...next });
    queryClient.setQueryData<Server[]>(queryKeys.servers, (list) => list?.map((s) => (s.id === next.id ? next : s)));
  };
  return (
    <section className="max-w-md">
      <SectionLabel>Server icon</SectionLabel>
      <ImageUploadField
        preview={<Avatar id={server.id} name={server.name} image={server.icon} size={80} />}
        hasImage={!!server.icon}
        uploadLabel="Upload Image"
        removeLabel="Remove"
        hint={`At least 512×512 looks best. PNG, JPEG, GIF or WebP up to ${formatBytes(limits.avatarMaxBytes)}.`}
        upload={(file, onProgress) => api.uploadServerIcon(server.id, file, { onProgress }).then(saved)}
        remove={() => api.removeServerIcon(server.id).then(saved)}
        testIdPrefix="server-icon"
      />
    </section>
  );
}

function RenameForm({ server }: { server: ServerDetail }) {
  const [name, setName] = useState(server.name);
  const update = useUpdateServer(server.id);
  const changed = name.trim() !== server.name;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (changed) update.mutate({ name: name.trim() });
  }

  return (
    <form onSubmit={onSubmit} className="flex max-w-md flex-col gap-3" noValidate>
      {update.error && <FormError message={describeError(update.error)} />}
      <Field
        label="Server name"
        data-testid="settings-server-name"
        minLength={limits.serverNameMin}
        maxLength={limits.serverNameMax}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <Button type="submit" className="self-start" disabled={!changed || name.trim().length < limits.serverNameMin || update.isPending}>
        {update.isPending ? "Saving…" : "Save Changes"}
      </Button>
    </form>
  );
}

/** Where "Ann joined the server." lines go: one of the text channels, or none. Saved on change. */
function SystemChannelField({ server }: { server: ServerDetail }) {
  const channels = useChannels(server.id);
  const update = useUpdateServer(server.id);
  const texts = (channels.data ?? []).filter((c) => c.type === "text");
  const value = update.isPending ? (update.variables.systemChannelId ?? "") : (server.systemChannelId ?? "");

  return (
    <section className="flex max-w-md flex-col gap-2">
      <SectionLabel>System messages channel</SectionLabel>
      <select
        aria-label="System messages channel"
        data-testid="system-channel"
        value={value}
        disabled={update.isPending}
        onChange={(e) => update.mutate({ systemChannelId: e.target.value || null })}
        className="h-10 rounded-[3px] bg-field-deep px-3 text-text"
      >
        <option value="">No system messages</option>
        {texts.map((c) => (
          <option key={c.id} value={c.id}>
            #{c.name}
          </option>
        ))}
      </select>
      <p className="text-sm text-text-muted">This is the channel we send system event messages to, such as when someone joins this server.</p>
      {update.error && <FormError message={describeError(update.error)} />}
    </section>
  );
}

function TransferOwnership({ server }: { server: ServerDetail }) {
  const members = useMembers(server.id);
  const [to, setTo] = useState("");
  const [sure, setSure] = useState(false);
  const update = useUpdateServer(server.id);
  const others = (members.data ?? []).filter((m) => m.user.id !== server.ownerId);

  return (
    <section className="flex max-w-md flex-col gap-3">
      <SectionLabel>Transfer ownership</SectionLabel>
      <p className="text-sm text-text-muted">The new owner gets every permission and can remove you. You cannot undo this yourself.</p>
      {update.error && <FormError message={describeError(update.error)} />}
      <select aria-label="New owner" value={to} onChange={(e) => setTo(e.target.value)} className="h-10 rounded-[3px] bg-field-deep px-3 text-text" data-testid="transfer-to">
        <option value="">Choose a member…</option>
        {others.map((m) => (
          <option key={m.user.id} value={m.user.id}>
            {displayName(m)}
          </option>
        ))}
      </select>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} className="size-4 accent-danger" />
        I understand that I will no longer own this server.
      </label>
      <Button variant="danger" className="self-start" disabled={!to || !sure || update.isPending} onClick={() => update.mutate({ ownerId: to })}>
        {update.isPending ? "Transferring…" : "Transfer Ownership"}
      </Button>
    </section>
  );
}

function DeleteServer({ server, onDeleted }: { server: ServerDetail; onDeleted: () => void }) {
  const [typed, setTyped] = useState("");
  const queryClient = useQueryClient();
  const router = useRouter();
  const remove = useMutation({
    mutationFn: () => api.deleteServer(server.id, typed),
    onSuccess: () => {
      queryClient.setQueryData<Server[]>(queryKeys.servers, (list) => list?.filter((s) => s.id !== server.id));
      onDeleted();
      router.replace("/");
    },
  });

  return (
    <section className="flex max-w-md flex-col gap-3">
      <SectionLabel>Delete server</SectionLabel>
      <p className="text-sm text-text-muted">
        This deletes every channel and message for everyone, for good. Type <strong className="text-text-strong">{server.name}</strong> to
        confirm.
      </p>
      {remove.error && <FormError message={describeError(remove.error)} />}
      <Field label="Server name" data-testid="delete-server-confirm" value={typed} onChange={(e) => setTyped(e.target.value)} />
      <Button
        variant="danger"
        className="self-start"
        data-testid="delete-server"
        disabled={typed !== server.name || remove.isPending}
        onClick={() => remove.mutate()}
      >
        {remove.isPending ? "Deleting…" : "Delete Server"}
      </Button>
    </section>
  );
}
