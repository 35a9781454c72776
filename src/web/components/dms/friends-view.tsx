"use client";

import { useQuery } from "@tanstack/react-query";
import { MessageCircle, Search, Sparkles, Users } from "lucide-react";
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent, type MouseEvent } from "react";
import type { PublicUser } from "@/shared/api";
import { api } from "../../api";
import { useOpenDm } from "../../hooks/use-dms";
import { useMe } from "../../hooks/use-me";
import { useServers } from "../../hooks/use-servers";
import { describeError } from "../../lib/errors";
import { friendsShown, type FriendsTab } from "../../lib/friends";
import { cn } from "../../lib/cn";
import { parseInviteCode } from "../../lib/invite-code";
import { queryKeys } from "../../query-keys";
import { usePresenceStore } from "../../stores/presence";
import { InboxButton } from "../notifications/inbox-button";
import { besideAnchor } from "../profile/banner";
import { ProfilePopover } from "../profile/profile-popover-lazy";
import { CreateServerForm } from "../shell/shell-lazy";
import { DrawerButton } from "../shell/mobile-drawer";
import { Avatar } from "../ui/avatar";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { Spinner } from "../ui/spinner";
import { StatusDot, statusLabels } from "../ui/status-dot";

/**
 * `/channels/me` with no conversation open, as Discord's Friends view (without friend
 * requests): the people I share a server or a conversation with, online first, with a
 * search, Online / All tabs, a Message button and the profile card on a click.
 */
export function FriendsView() {
  const [tab, setTab] = useState<FriendsTab>("online");
  const [query, setQuery] = useState("");
  const contacts = useQuery({ queryKey: queryKeys.contacts, queryFn: api.contacts, staleTime: 30_000 });
  const statuses = usePresenceStore((s) => s.statuses);
  const shown = useMemo(() => friendsShown(contacts.data ?? [], statuses, tab, query), [contacts.data, statuses, tab, query]);
  const servers = useServers();
  const noServers = servers.data?.length === 0;

  return (
    <div className="flex min-w-0 flex-1 flex-col" data-testid="friends-view">
      <header className="flex h-12 shrink-0 items-center gap-2 border-b border-rail px-4 shadow-sm">
        <DrawerButton />
        <Users size={20} aria-hidden className="shrink-0 text-text-muted" />
        <h2 className="font-semibold text-text-strong">Friends</h2>
        <span aria-hidden className="mx-2 h-6 w-px bg-divider" />
        <div role="tablist" aria-label="Show" className="flex items-center gap-2">
          {(["online", "all"] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              aria-selected={tab === t}
              data-testid={`friends-tab-${t}`}
              onClick={() => setTab(t)}
              className={cn(
                "rounded px-2 py-0.5 text-[15px] font-medium",
                tab === t ? "bg-selected text-text-strong" : "text-text-muted hover:bg-hover hover:text-text",
              )}
            >
              {t === "online" ? "Online" : "All"}
            </button>
          ))}
        </div>
        <div className="ml-auto flex shrink-0 items-center gap-3">
          <InboxButton />
        </div>
      </header>
      {/* With the first-server card above it, the page scrolls as one; otherwise only the list does. */}
      <div className={cn("flex min-h-0 flex-1 flex-col px-5 pt-4 max-md:px-3", noServers && "scroll-thin overflow-y-auto")}>
        {noServers && <NoServersCard />}
        <label className="relative block">
          <span className="sr-only">Search people</span>
          <input
            type="search"
            data-testid="friends-search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Search"
            className="h-9 w-full rounded bg-field-deep pl-3 pr-9 text-[15px] text-text placeholder:text-text-muted"
          />
          <Search size={18} aria-hidden className="pointer-events-none absolute right-2.5 top-2 text-text-muted" />
        </label>
        {contacts.isPending && (
          <div className="flex justify-center py-8">
            <Spinner />
          </div>
        )}
        {contacts.error && <p className="py-4 text-sm text-danger-soft">{describeError(contacts.error)}</p>}
        {contacts.data && (
          <>
            <h3 className="mt-5 pb-2 text-xs font-semibold uppercase tracking-wide text-text-muted" data-testid="friends-count">
              {tab === "online" ? "Online" : "All people"} — {shown.length}
            </h3>
            <ul className={cn("-mx-2 pb-4", !noServers && "scroll-thin min-h-0 flex-1 overflow-y-auto")} data-testid="friends-list">
              {shown.map((person) => (
                <FriendRow key={person.id} person={person} />
              ))}
              {shown.length === 0 && <EmptyList tab={tab} searching={query.trim() !== ""} />}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}

function FriendRow({ person }: { person: PublicUser }) {
  const openDm = useOpenDm();
  const status = usePresenceStore((s) => s.statuses[person.id] ?? "offline");
  const [profileAt, setProfileAt] = useState<DOMRect>();
  const openProfile = (event: MouseEvent<HTMLElement>) => setProfileAt(besideAnchor(event.currentTarget, "right"));

  return (
    <li
      data-testid="friend-row"
      data-user-id={person.id}
      data-status={status}
      className="group flex items-center gap-3 rounded-lg border-t border-divider px-2 py-2.5 first:border-transparent hover:border-transparent hover:bg-hover [&:hover+li]:border-transparent"
    >
      <button
        type="button"
        onClick={openProfile}
        aria-label={`${person.name}, ${statusLabels[status]}: open profile`}
        className="flex min-w-0 flex-1 items-center gap-3 text-left"
      >
        <span className="relative shrink-0">
          <Avatar id={person.id} name={person.name} image={person.image} size={32} />
          <StatusDot userId={person.id} className="border-chat group-hover:border-hover" />
        </span>
        <span className="min-w-0">
          <span className="block truncate font-semibold text-text-strong">{person.name}</span>
          <span className="block truncate text-[13px] text-text-muted">{statusLabels[status]}</span>
        </span>
      </button>
      <button
        type="button"
        aria-label={`Message ${person.name}`}
        title="Message"
        data-testid="friend-message"
        disabled={openDm.isPending}
        onClick={() => openDm.mutate({ recipientId: person.id })}
        className="flex size-9 shrink-0 items-center justify-center rounded-full bg-sidebar text-text-muted hover:text-text-strong focus-visible:text-text-strong"
      >
        <MessageCircle size={18} />
      </button>
      {profileAt && <ProfilePopover userId={person.id} fallbackName={person.name} anchor={profileAt} onClose={() => setProfileAt(undefined)} />}
    </li>
  );
}

function EmptyList({ tab, searching }: { tab: FriendsTab; searching: boolean }) {
  const text = searching
    ? "Nobody by that name."
    : tab === "online"
      ? "No one's around right now. The All tab shows everyone."
      : "Nobody here yet. People you share a server or a conversation with show up here.";
  return (
    <li className="px-2 py-10 text-center text-sm text-text-muted" data-testid="friends-empty">
      {text}
    </li>
  );
}

/**
 * Someone in no server (just signed up, or removed from their only one): make one here or
 * follow an invite; the rail's "+" does the same from anywhere.
 */
function NoServersCard() {
  const me = useMe();
  const router = useRouter();
  const [invite, setInvite] = useState("");
  const [inviteError, setInviteError] = useState<string>();

  function onJoin(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = parseInviteCode(invite);
    if (!code) return setInviteError("Paste a link like https://…/invite/AbC123 or just the code");
    router.push(`/invite/${code}`);
  }

  return (
    <section
      data-testid="no-servers-card"
      aria-labelledby="no-servers-title"
      className="mx-auto mb-6 mt-2 grid w-full max-w-3xl gap-6 rounded-lg bg-sidebar p-5 md:grid-cols-2"
    >
      <div>
        <div className="mb-3 flex items-center gap-3">
          <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-blurple text-white">
            <Sparkles size={20} aria-hidden />
          </span>
          <div>
            <h3 id="no-servers-title" className="font-semibold text-text-strong">
              Create your first server
            </h3>
            <p className="text-sm text-text-muted">Where you and your friends hang out.</p>
          </div>
        </div>
        {me.data && <CreateServerForm defaultName={`${me.data.name}'s server`} />}
      </div>
      <form onSubmit={onJoin} className="flex flex-col gap-4" noValidate>
        <Field
          label="Have an invite? Paste it"
          name="invite"
          placeholder="https://example.com/invite/AbC123"
          value={invite}
          error={inviteError}
          onChange={(e) => {
            setInvite(e.target.value);
            setInviteError(undefined);
          }}
        />
        <Button type="submit" variant="secondary" className="self-end" disabled={!invite.trim()}>
          Join a server
        </Button>
      </form>
    </section>
  );
}
