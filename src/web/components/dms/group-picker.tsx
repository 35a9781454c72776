"use client";

import { Check, Search } from "lucide-react";
import { useMemo, useState } from "react";
import type { DmChannel } from "@/shared/api";
import { limits } from "@/shared/limits";
import { api } from "../../api";
import { useDmCacheUpdate, useOpenDm } from "../../hooks/use-dms";
import { useMe } from "../../hooks/use-me";
import { usePeople } from "../../hooks/use-people";
import { cn } from "../../lib/cn";
import { describeError } from "../../lib/errors";
import { FormError } from "../auth/form-error";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { Avatar } from "../ui/avatar";
import { slotsLeft } from "./dm-format";

export interface GroupPickerProps {
  onClose: () => void;
  /** Adding people to this group; without it, a new group is started. */
  dm?: DmChannel;
}

/** Choose people I share a server with: a new group, or more people for an existing one. */
export function GroupPicker({ onClose, dm }: GroupPickerProps) {
  const me = useMe();
  const people = usePeople();
  const openDm = useOpenDm();
  const updateCache = useDmCacheUpdate();
  const [query, setQuery] = useState("");
  const [picked, setPicked] = useState<string[]>([]);
  const [name, setName] = useState("");
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<string>();

  const already = useMemo(() => new Set(dm?.recipients.map((r) => r.id) ?? []), [dm]);
  const room = slotsLeft((dm?.recipients.length ?? 0) + picked.length, limits.groupDmMax);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (people.data ?? []).filter((p) => p.id !== me.data?.id && !already.has(p.id) && (!q || p.name.toLowerCase().includes(q)));
  }, [people.data, query, me.data?.id, already]);

  const toggle = (userId: string) => {
    setError(undefined);
    setPicked((list) => (list.includes(userId) ? list.filter((id) => id !== userId) : room > 0 ? [...list, userId] : list));
  };

  const submit = async () => {
    if (picked.length === 0) return;
    if (!dm) {
      openDm.mutate({ recipientIds: picked, name: name.trim() || null }, { onSuccess: onClose });
      return;
    }
    setAdding(true);
    try {
      // One at a time: the server checks the size on each, and a full group stops the rest.
      for (const userId of picked) updateCache(await api.addDmRecipient(dm.id, userId));
      onClose();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setAdding(false);
    }
  };

  const busy = openDm.isPending || adding;
  return (
    <Dialog
      open
      onClose={onClose}
      title={dm ? "Add people" : "Select Friends"}
      description={room > 0 ? `You can add ${room} more ${room === 1 ? "person" : "people"}.` : "This group is full."}
      testId="group-picker"
    >
      <label className="flex items-center gap-2 rounded bg-field-deep px-2">
        <input
          autoFocus
          data-testid="group-search"
          aria-label="Search people"
          placeholder="Type the name of someone you share a server with"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          className="h-9 min-w-0 flex-1 bg-transparent text-sm text-text outline-none placeholder:text-text-muted"
        />
        <Search size={16} className="text-text-muted" />
      </label>
      <ul className="scroll-thin mt-3 max-h-64 overflow-y-auto" aria-label="People">
        {people.isPending && <li className="p-3 text-sm text-text-muted">Loading people…</li>}
        {people.error && <li className="p-3 text-sm text-danger-soft">{describeError(people.error)}</li>}
        {people.data && shown.length === 0 && (
          <li className="p-3 text-center text-sm text-text-muted">
            {query ? `Nobody matches “${query}”.` : "Nobody else to add: people you share a server with show here."}
          </li>
        )}
        {shown.map((person) => {
          const checked = picked.includes(person.id);
          const disabled = !checked && room === 0;
          return (
            <li key={person.id}>
              <label
                className={cn(
                  "flex h-11 items-center gap-3 rounded px-2 hover:bg-hover",
                  disabled ? "cursor-not-allowed opacity-50" : "cursor-pointer",
                )}
              >
                <Avatar id={person.id} name={person.name} image={person.image} size={32} />
                <span className="min-w-0 flex-1 truncate font-medium text-text-strong">{person.name}</span>
                <span className="relative flex size-[22px] shrink-0">
                  <input
                    type="checkbox"
                    data-testid={`group-pick-${person.id}`}
                    aria-label={person.name}
                    checked={checked}
                    disabled={disabled}
                    onChange={() => toggle(person.id)}
                    className={cn(
                      "size-[22px] cursor-pointer appearance-none rounded-[4px] border border-text-muted disabled:cursor-not-allowed",
                      "checked:border-blurple checked:bg-blurple focus-visible:outline-2 focus-visible:outline-link",
                    )}
                  />
                  {checked && <Check size={16} strokeWidth={3} aria-hidden className="pointer-events-none absolute left-[3px] top-[3px] text-white" />}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {!dm && (
        <label className="mt-3 flex flex-col gap-1.5">
          <span className="text-xs font-bold uppercase tracking-wide text-text-muted">Group name (optional)</span>
          <input
            data-testid="group-name"
            value={name}
            maxLength={limits.groupDmNameMax}
            onChange={(e) => setName(e.target.value)}
            placeholder="Named after its people until you choose"
            className="h-10 rounded-[3px] bg-field-deep px-3 text-text outline-none focus-visible:outline-2 focus-visible:outline-link"
          />
        </label>
      )}
      {error && (
        <div className="mt-3">
          <FormError message={error} />
        </div>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="link" className="px-3 text-text" onClick={onClose}>
          Cancel
        </Button>
        <Button data-testid="group-create" disabled={picked.length === 0 || busy} onClick={() => void submit()}>
          {dm ? (adding ? "Adding…" : "Add") : openDm.isPending ? "Creating…" : "Create Group"}
        </Button>
      </div>
    </Dialog>
  );
}
