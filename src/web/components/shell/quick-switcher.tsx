"use client";

import { useQueries } from "@tanstack/react-query";
import { Hash, Search, Server as ServerIcon, User } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useState, type KeyboardEvent } from "react";
import { api } from "../../api";
import { useOpenDm } from "../../hooks/use-dms";
import { useReturnFocus } from "../../hooks/use-return-focus";
import { useMe } from "../../hooks/use-me";
import { usePeople } from "../../hooks/use-people";
import { useServers } from "../../hooks/use-servers";
import { cn } from "../../lib/cn";
import { rankSwitcher, type SwitcherItem } from "../../lib/quick-switcher";
import { queryKeys } from "../../query-keys";

const icons = { server: ServerIcon, channel: Hash, person: User } as const;

function useSwitcherItems(): SwitcherItem[] {
  const servers = useServers();
  const me = useMe();
  const people = usePeople();
  const list = servers.data ?? [];
  const channels = useQueries({
    queries: list.map((s) => ({ queryKey: queryKeys.channels(s.id), queryFn: () => api.listChannels(s.id) })),
  });
  // Rebuilt each render: a few hundred rows at most, and useQueries hands back new arrays anyway.
  const items: SwitcherItem[] = [];
  list.forEach((server, i) => {
    items.push({ kind: "server", id: server.id, label: server.name, href: `/channels/${server.id}` });
    for (const channel of channels[i]?.data ?? []) {
      if (channel.type === "category") continue;
      items.push({ kind: "channel", id: channel.id, label: channel.name, detail: server.name, href: `/channels/${server.id}/${channel.id}` });
    }
  });
  // Choosing a person opens (or reopens) the conversation with them; see `go` below.
  for (const person of people.data ?? []) {
    if (person.id === me.data?.id) continue;
    items.push({ kind: "person", id: person.id, label: person.name, detail: "Direct Message", href: "/channels/me" });
  }
  return items;
}

/** The switcher itself, loaded the first time Ctrl+K opens it. */
export function Switcher({ onClose }: { onClose: () => void }) {
  const router = useRouter();
  const openDm = useOpenDm();
  const items = useSwitcherItems();
  const [input, setInput] = useState("");
  const [active, setActive] = useState(0);
  const results = useMemo(() => rankSwitcher(items, input), [items, input]);
  const index = Math.min(active, Math.max(0, results.length - 1));
  useReturnFocus();

  const go = (item: SwitcherItem | undefined) => {
    if (!item) return;
    onClose();
    if (item.kind === "person") openDm.mutate({ recipientId: item.id });
    else router.push(item.href);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index + step + results.length) % Math.max(1, results.length));
    } else if (event.key === "Enter") {
      event.preventDefault();
      go(results[index]);
    } else if (event.key === "Escape") {
      onClose();
    } else if (event.key === "Tab") {
      // A modal: the search box is all there is to focus.
      event.preventDefault();
    }
  };

  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-black/70 pt-[15vh]" onMouseDown={onClose}>
      <div
        role="dialog"
        aria-modal="true"
        aria-label="Quick switcher"
        data-testid="quick-switcher"
        onMouseDown={(e) => e.stopPropagation()}
        className="w-[min(560px,calc(100vw-32px))] rounded-lg bg-sidebar p-4 shadow-2xl"
      >
        <label className="flex items-center gap-2 rounded bg-field-deep px-3">
          <Search size={18} className="text-text-muted" />
          <input
            autoFocus
            data-testid="quick-switcher-input"
            role="combobox"
            aria-expanded
            aria-controls="quick-switcher-results"
            aria-activedescendant={results[index] ? `qs-${results[index].kind}-${results[index].id}` : undefined}
            value={input}
            onChange={(e) => {
              setInput(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            placeholder="Where would you like to go?"
            className="h-12 min-w-0 flex-1 bg-transparent text-lg text-text outline-none placeholder:text-text-muted"
          />
        </label>
        <ul id="quick-switcher-results" role="listbox" className="scroll-thin mt-3 max-h-80 overflow-y-auto">
          {results.map((item, i) => {
            const Icon = icons[item.kind];
            return (
              <li
                key={`${item.kind}-${item.id}`}
                id={`qs-${item.kind}-${item.id}`}
                role="option"
                aria-selected={i === index}
                data-testid="quick-switcher-item"
                data-kind={item.kind}
                onMouseEnter={() => setActive(i)}
                onClick={() => go(item)}
                className={cn("flex h-9 cursor-pointer items-center gap-2 rounded px-2", i === index ? "bg-hover text-text-strong" : "text-text")}
              >
                <Icon size={16} className="shrink-0 text-text-muted" />
                <span className="truncate font-medium">{item.label}</span>
                {item.detail && <span className="ml-auto truncate text-xs font-semibold uppercase text-text-muted">{item.detail}</span>}
              </li>
            );
          })}
          {results.length === 0 && <li className="p-4 text-center text-sm text-text-muted">Nothing matches “{input}”.</li>}
        </ul>
        <p className="mt-3 text-xs text-text-muted">
          Tip: start with <b>#</b> for channels, <b>@</b> for people, <b>*</b> for servers. ↑↓ to move, Enter to go.
        </p>
      </div>
    </div>
  );
}
