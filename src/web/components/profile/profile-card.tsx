"use client";

import { MessageCircle } from "lucide-react";
import { useMemo, useState, type ReactNode } from "react";
import type { UserProfile } from "@/shared/api";
import { useBlockedIds, useSetBlocked } from "../../hooks/use-blocks";
import { useOpenDm } from "../../hooks/use-dms";
import { useMe } from "../../hooks/use-me";
import { activeStatus, useProfile } from "../../hooks/use-profile";
import { describeError } from "../../lib/errors";
import { Button } from "../ui/button";
import { Avatar } from "../ui/avatar";
import { Popover } from "../ui/popover";
import { bannerColorOf, formatMemberSince } from "./banner";

export type ProfileCardData = Pick<
  UserProfile,
  "id" | "name" | "image" | "username" | "about" | "bannerColor" | "customStatus" | "createdAt" | "deleted"
>;

/** Discord's profile popout: banner, avatar over its edge, then who this is. Also the settings preview. */
export function ProfileCardView({ profile, children }: { profile: ProfileCardData; children?: ReactNode }) {
  if (profile.deleted) {
    return (
      <CardFrame
        banner="#4e5058"
        avatar={
          <span aria-hidden className="flex size-20 items-center justify-center rounded-full bg-[#80848e] text-3xl font-semibold text-white">
            ?
          </span>
        }
      >
        <p className="text-xl font-bold text-text-strong" data-testid="profile-name">
          Deleted user
        </p>
      </CardFrame>
    );
  }
  const status = activeStatus(profile.customStatus);
  return (
    <CardFrame banner={bannerColorOf(profile)} avatar={<Avatar id={profile.id} name={profile.name || profile.username} image={profile.image} size={80} />}>
      <p className="break-words text-xl font-bold leading-6 text-text-strong" data-testid="profile-name">
        {profile.name || profile.username}
      </p>
      <p className="text-sm text-text" data-testid="profile-username">
        {profile.username}
      </p>
      {status && (
        <p className="mt-2 break-words text-sm text-text" data-testid="profile-custom-status">
          {status.text}
        </p>
      )}
      <hr className="my-3 border-divider" />
      {profile.about && (
        <section className="mb-3">
          <h3 className="mb-1 text-xs font-bold uppercase tracking-wide text-text-strong">About Me</h3>
          <p className="whitespace-pre-wrap break-words text-sm text-text" data-testid="profile-about">
            {profile.about}
          </p>
        </section>
      )}
      <section>
        <h3 className="mb-1 text-xs font-bold uppercase tracking-wide text-text-strong">Member Since</h3>
        <p className="text-sm text-text">{formatMemberSince(profile.createdAt)}</p>
      </section>
      {children}
    </CardFrame>
  );
}

function CardFrame({ banner, avatar, children }: { banner: string; avatar: ReactNode; children: ReactNode }) {
  return (
    <div className="w-[300px] overflow-hidden rounded-lg bg-panel">
      <div className="h-[60px]" style={{ backgroundColor: banner }} data-testid="profile-banner" />
      <div className="relative px-4 pb-3 pt-12">
        <span className="absolute -top-10 left-4 rounded-full border-[6px] border-panel bg-panel">{avatar}</span>
        <div className="rounded-lg bg-floating p-3">{children}</div>
      </div>
    </div>
  );
}

function CardSkeleton() {
  return (
    <div className="w-[300px] overflow-hidden rounded-lg bg-panel" aria-busy="true" aria-label="Loading profile">
      <div className="h-[60px] bg-secondary" />
      <div className="relative px-4 pb-3 pt-12">
        <span className="absolute -top-10 left-4 size-[92px] animate-pulse rounded-full border-[6px] border-panel bg-secondary" />

        <div className="flex flex-col gap-2 rounded-lg bg-floating p-3">
          <span className="h-5 w-2/3 animate-pulse rounded bg-sidebar" />
          <span className="h-3.5 w-1/3 animate-pulse rounded bg-sidebar" />
          <span className="mt-3 h-3 w-full animate-pulse rounded bg-sidebar" />
          <span className="h-3 w-4/5 animate-pulse rounded bg-sidebar" />
        </div>
      </div>
    </div>
  );
}

export interface ProfilePopoverProps {
  userId: string;
  /** Shown while loading or when the profile is refused, so the card is never nameless. */
  fallbackName?: string;
  anchor: DOMRect;
  align?: "start" | "end";
  onClose: () => void;
}

/** Someone's profile card, fetched when opened (and kept for a minute). */
export function ProfilePopover({ userId, fallbackName, anchor, align = "start", onClose }: ProfilePopoverProps) {
  const profile = useProfile(userId);
  // The popover measures itself when its anchor changes: a new box once the card's real content is in.
  const placed = useMemo(
    () => new DOMRect(anchor.x, anchor.y, anchor.width, anchor.height),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on purpose: a new box whenever the content changes
    [anchor, profile.status, profile.dataUpdatedAt],
  );
  return (
    <Popover
      anchor={placed}
      align={align}
      onClose={onClose}
      label={`Profile of ${profile.data?.name ?? fallbackName ?? "this person"}`}
      testId="profile-card"
      className="bg-transparent"
    >
      {profile.data ? (
        <ProfileCardView profile={profile.data}>
          <ProfileActions profile={profile.data} onDone={onClose} />
        </ProfileCardView>
      ) : profile.error ? (
        <div className="w-[300px] rounded-lg bg-panel p-4">
          {fallbackName && <p className="mb-1 font-semibold text-text-strong">{fallbackName}</p>}
          <p role="alert" className="text-sm text-danger-soft" data-testid="profile-error">
            Could not load this profile. {describeError(profile.error)}
          </p>
        </div>
      ) : (
        <CardSkeleton />
      )}
    </Popover>
  );
}

/**
 * Message and Block on someone else's card. Blocking asks first, inline: a dialog would
 * sit outside the popover and close it. The blocked person is never told.
 */
function ProfileActions({ profile, onDone }: { profile: ProfileCardData; onDone: () => void }) {
  const me = useMe();
  const openDm = useOpenDm();
  const blocked = useBlockedIds().has(profile.id);
  const setBlocked = useSetBlocked();
  const [confirming, setConfirming] = useState(false);
  if (!me.data || me.data.id === profile.id || profile.deleted) return null;
  const name = profile.name || profile.username;
  const user = { id: profile.id, name, image: null };

  if (confirming) {
    return (
      <div className="mt-3 rounded bg-sidebar p-2 text-sm" data-testid="profile-block-confirm">
        <p className="text-text">
          Block {name}? Their messages will be hidden and they will not be able to message you. They will not be told.
        </p>
        <div className="mt-2 flex justify-end gap-2">
          <Button variant="link" className="h-8 px-2 text-text" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            className="h-8"
            data-testid="profile-block-yes"
            onClick={() => {
              setBlocked.mutate({ user, blocked: true });
              setConfirming(false);
            }}
          >
            Block
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="mt-3 flex gap-2">
      <Button
        className="h-8 flex-1"
        data-testid="profile-message"
        disabled={openDm.isPending}
        onClick={() => openDm.mutate({ recipientId: profile.id }, { onSuccess: onDone })}
      >
        <MessageCircle size={16} />
        Message
      </Button>
      <Button
        variant="secondary"
        className="h-8"
        data-testid="profile-block"
        data-blocked={blocked ? "true" : undefined}
        disabled={setBlocked.isPending}
        onClick={() => (blocked ? setBlocked.mutate({ user, blocked: false }) : setConfirming(true))}
      >
        {blocked ? "Unblock" : "Block"}
      </Button>
    </div>
  );
}
