"use client";

import { useState } from "react";
import type { SelfUser, UpdateProfileInput } from "@/shared/api";
import { limits } from "@/shared/limits";
import { activeStatus, useUpdateProfile } from "../../hooks/use-profile";
import { colorFor } from "../../lib/initials";
import { ProfileCardView } from "../profile/profile-card";
import { Field } from "../ui/field";
import { SectionLabel, SettingsTitle } from "../ui/settings-shell";
import { AvatarField } from "./avatar-field";
import { BannerColorField } from "./banner-color-field";
import { CustomStatusField } from "./custom-status-field";
import { describeAccountError } from "./errors";
import { statusExpiry, type ClearAfter } from "./format";
import { SaveBar } from "./save-bar";
import { UsernameField, useUsernameVerdict } from "./username-field";

interface ProfileDraft {
  name: string;
  username: string;
  about: string;
  bannerColor: string | null;
  statusText: string;
  clearAfter: ClearAfter;
}

function saved(me: SelfUser): ProfileDraft {
  const status = activeStatus(me.customStatus);
  return {
    name: me.name,
    username: me.username,
    about: me.about,
    bannerColor: me.bannerColor,
    statusText: status?.text ?? "",
    clearAfter: status?.expiresAt ? "keep" : "never",
  };
}

/** Only what differs from the saved profile goes to the server. */
function changes(draft: ProfileDraft, base: ProfileDraft, me: SelfUser): UpdateProfileInput {
  const input: UpdateProfileInput = {};
  if (draft.name.trim() !== base.name) input.name = draft.name.trim();
  if (draft.username !== base.username) input.username = draft.username;
  if (draft.about !== base.about) input.about = draft.about;
  if (draft.bannerColor !== base.bannerColor) input.bannerColor = draft.bannerColor;
  if (draft.statusText.trim() !== base.statusText || draft.clearAfter !== base.clearAfter) {
    const text = draft.statusText.trim();
    input.customStatus = text
      ? { text, expiresAt: statusExpiry(draft.clearAfter, new Date(), activeStatus(me.customStatus)?.expiresAt ?? null) }
      : null;
  }
  return input;
}

/** The profile others see on my card, edited beside a live preview, saved from Discord's unsaved-changes bar. */
export function ProfileTab({ me }: { me: SelfUser }) {
  const base = saved(me);
  const [edits, setEdits] = useState<Partial<ProfileDraft>>({});
  const draft: ProfileDraft = { ...base, ...edits };
  const update = useUpdateProfile();
  const username = useUsernameVerdict(draft.username, me.username);
  const input = changes(draft, base, me);
  const dirty = Object.keys(input).length > 0;
  const nameProblem = draft.name.trim() ? undefined : "Cannot be empty";
  const blocked = !!nameProblem || username.verdict === "unavailable" || username.verdict === "checking";

  const edit = (patch: Partial<ProfileDraft>) => {
    update.reset();
    setEdits((e) => ({ ...e, ...patch }));
  };
  const save = () => {
    if (!dirty || blocked) return;
    update.mutate(input, { onSuccess: () => setEdits({}) });
  };

  const preview = {
    id: me.id,
    name: draft.name.trim(),
    image: me.image,
    username: draft.username,
    about: draft.about,
    bannerColor: draft.bannerColor,
    customStatus: draft.statusText.trim() ? { text: draft.statusText.trim(), expiresAt: null } : null,
    createdAt: me.createdAt,
    deleted: false,
  };

  return (
    <>
      <SettingsTitle>Profile</SettingsTitle>
      <div className="flex flex-wrap items-start gap-8">
        <form
          className="flex min-w-[280px] flex-1 flex-col gap-6"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <AvatarField me={me} />
          <Field
            label="Display Name"
            data-testid="display-name-input"
            maxLength={limits.userNameMax}
            value={draft.name}
            error={nameProblem}
            onChange={(e) => edit({ name: e.target.value })}
          />
          <UsernameField value={draft.username} verdict={username} onChange={(value) => edit({ username: value })} />
          <AboutField value={draft.about} onChange={(about) => edit({ about })} />
          <BannerColorField value={draft.bannerColor} fallback={colorFor(me.id)} onChange={(bannerColor) => edit({ bannerColor })} />
          <CustomStatusField
            text={draft.statusText}
            clearAfter={draft.clearAfter}
            currentExpiry={activeStatus(me.customStatus)?.expiresAt ?? null}
            onChange={(patch) => edit({ ...(patch.text !== undefined && { statusText: patch.text }), ...(patch.clearAfter && { clearAfter: patch.clearAfter }) })}
          />
          {/* Enter in a field saves, as the bar's button does. */}
          <button type="submit" hidden />
        </form>
        <aside aria-label="Preview" className="w-[300px] shrink-0">
          <SectionLabel>Preview</SectionLabel>
          <div data-testid="profile-preview" className="shadow-2xl">
            <ProfileCardView profile={preview} />
          </div>
        </aside>
      </div>
      {(dirty || update.error) && (
        <SaveBar
          saving={update.isPending}
          canSave={dirty && !blocked}
          error={update.error ? describeAccountError(update.error) : undefined}
          onReset={() => {
            update.reset();
            setEdits({});
          }}
          onSave={save}
        />
      )}
      {update.isSuccess && !dirty && <p className="mt-6 text-sm text-success-soft" role="status">Your profile has been saved.</p>}
    </>
  );
}

function AboutField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const left = limits.aboutMax - value.length;
  return (
    <label className="flex flex-col gap-2 text-xs font-bold uppercase tracking-wide text-text-muted">
      About Me
      <span className="relative">
        <textarea
          data-testid="about-input"
          value={value}
          maxLength={limits.aboutMax}
          rows={4}
          onChange={(e) => onChange(e.target.value)}
          placeholder="Tell people a little about yourself"
          className="w-full resize-none rounded-[3px] bg-field-deep py-2 pl-3 pr-10 text-base font-normal normal-case tracking-normal text-text outline-none focus-visible:outline-2 focus-visible:outline-link"
        />
        <span
          data-testid="about-remaining"
          className={`absolute bottom-2 right-3 text-xs font-normal normal-case tracking-normal ${left < 20 ? "text-danger-soft" : "text-text-muted"}`}
        >
          {left}
        </span>
      </span>
    </label>
  );
}
