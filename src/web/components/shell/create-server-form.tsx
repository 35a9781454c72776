"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { limits } from "@/shared/limits";
import { useCreateServer } from "../../hooks/use-servers";
import { describeError } from "../../lib/errors";
import { rememberLastServer } from "../../lib/last-server";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

export function CreateServerForm({ defaultName = "", onCreated }: { defaultName?: string; onCreated?: () => void }) {
  const [name, setName] = useState(defaultName);
  const [error, setError] = useState<string>();
  const createServer = useCreateServer();
  const router = useRouter();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed.length < limits.serverNameMin) {
      setError(`A server name needs at least ${limits.serverNameMin} characters.`);
      return;
    }
    setError(undefined);
    try {
      const server = await createServer.mutateAsync(trimmed);
      rememberLastServer(server.id);
      onCreated?.();
      router.push(`/channels/${server.id}`);
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <FormError message={error} />
      <Field
        label="Server name"
        name="server-name"
        data-testid="server-name"
        autoFocus
        maxLength={limits.serverNameMax}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <Button type="submit" disabled={createServer.isPending} data-testid="create-server-submit" className="self-end">
        {createServer.isPending ? "Creating…" : "Create"}
      </Button>
    </form>
  );
}
