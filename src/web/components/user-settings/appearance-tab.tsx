"use client";

import type { ReactNode } from "react";
import { fontSizes, type Appearance, type MessageDisplay, type SelfUser, type Theme, type UpdateAppearanceInput } from "@/shared/api";
import { useAppearance, useUpdateAppearance } from "../../hooks/use-appearance";
import { cn } from "../../lib/cn";
import { describeError } from "../../lib/errors";
import { Avatar } from "../ui/avatar";
import { SettingsTitle } from "../ui/settings-shell";
import { Spinner } from "../ui/spinner";
import { SectionHeading } from "./section-heading";

/** Each swatch shows the theme's own chat and sidebar colours, whatever theme is on now. */
const themeOptions: Array<{ value: Theme; label: string; swatch: string }> = [
  { value: "dark", label: "Dark", swatch: "bg-[linear-gradient(135deg,#313338_50%,#1e1f22_50%)]" },
  { value: "light", label: "Light", swatch: "bg-[linear-gradient(135deg,#ffffff_50%,#e3e5e8_50%)]" },
  { value: "system", label: "Sync with computer", swatch: "bg-[linear-gradient(135deg,#ffffff_50%,#313338_50%)]" },
];

const displayOptions: Array<{ value: MessageDisplay; label: string; hint: string }> = [
  { value: "cozy", label: "Cozy", hint: "Modern, beautiful, and easy on your eyes." },
  { value: "compact", label: "Compact", hint: "Fit more messages on screen at one time." },
];

/** Discord's Appearance page: theme, message display and chat font size, saved as they change. */
export function AppearanceTab({ me }: { me: SelfUser }) {
  const appearance = useAppearance();
  const update = useUpdateAppearance();
  const current = appearance.data;
  const change = (input: UpdateAppearanceInput) => update.mutate(input);

  return (
    <>
      <SettingsTitle>Appearance</SettingsTitle>
      {!current ? (
        appearance.error ? <p className="text-danger-soft">{describeError(appearance.error)}</p> : <Spinner />
      ) : (
        <>
          <Preview me={me} />
          {update.error && (
            <p role="alert" data-testid="appearance-error" className="mb-4 text-sm text-danger-soft">
              Could not save: {describeError(update.error)}
            </p>
          )}
          <fieldset className="mb-8" aria-describedby="appearance-theme-hint">
            <legend className="sr-only">Theme</legend>
            <SectionHeading id="appearance-theme" title="Theme">
              <span id="appearance-theme-hint">Every device signed in to this account follows.</span>
            </SectionHeading>
            <div className="flex flex-wrap gap-4">
              {themeOptions.map((option) => (
                <label key={option.value} className="flex cursor-pointer flex-col items-center gap-2 text-sm text-text">
                  <input
                    type="radio"
                    name="appearance-theme"
                    value={option.value}
                    data-testid={`theme-${option.value}`}
                    checked={current.theme === option.value}
                    onChange={() => change({ theme: option.value })}
                    className="peer sr-only"
                  />
                  <span
                    aria-hidden
                    className={cn(
                      "size-16 rounded-full border border-divider ring-offset-2 ring-offset-chat peer-checked:ring-2 peer-checked:ring-blurple peer-focus-visible:outline-2 peer-focus-visible:outline-offset-4 peer-focus-visible:outline-link",
                      option.swatch,
                    )}
                  />
                  {option.label}
                </label>
              ))}
            </div>
          </fieldset>
          <hr className="my-8 border-divider" />
          <fieldset className="mb-8">
            <legend className="sr-only">Message display</legend>
            <SectionHeading id="appearance-display" title="Message display" />
            <div className="flex max-w-lg flex-col gap-2">
              {displayOptions.map((option) => (
                <Choice
                  key={option.value}
                  name="appearance-display"
                  checked={current.messageDisplay === option.value}
                  onChange={() => change({ messageDisplay: option.value })}
                  testId={`display-${option.value}`}
                >
                  <span className="font-medium text-text-strong">{option.label}</span>
                  <span className="block text-sm text-text-muted">{option.hint}</span>
                </Choice>
              ))}
            </div>
          </fieldset>
          <hr className="my-8 border-divider" />
          <SectionHeading id="appearance-font-size" title="Chat font scaling" />
          <label className="flex max-w-lg items-center gap-3 text-sm text-text">
            Font size
            <select
              data-testid="font-size"
              value={current.fontSize}
              onChange={(event) => change({ fontSize: Number(event.target.value) as Appearance["fontSize"] })}
              className="h-10 rounded-[3px] bg-field-deep px-2 text-text focus-visible:outline-2 focus-visible:outline-link"
            >
              {fontSizes.map((size) => (
                <option key={size} value={size}>
                  {size}px{size === 16 ? " (default)" : ""}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
    </>
  );
}

function Choice(props: { name: string; checked: boolean; onChange: () => void; testId: string; children: ReactNode }) {
  return (
    <label
      className={cn(
        "flex cursor-pointer items-center gap-3 rounded-[3px] px-3 py-2.5 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-link",
        props.checked ? "bg-selected" : "bg-field",
      )}
    >
      <input
        type="radio"
        name={props.name}
        checked={props.checked}
        onChange={props.onChange}
        data-testid={props.testId}
        className="size-5 shrink-0 accent-blurple"
      />
      <span>{props.children}</span>
    </label>
  );
}

/** Two messages as the chat shows them now: the changes above land here at once. */
function Preview({ me }: { me: SelfUser }) {
  const lines = ["Look at me, I'm a beautiful butterfly", "Fluttering in the moonlight 🌙"];
  return (
    <ul
      aria-label="Preview"
      data-testid="appearance-preview"
      className="mb-8 max-w-2xl rounded-lg border border-divider bg-chat py-4"
    >
      {lines.map((line, i) => (
        <li key={line} className="relative pl-[72px] pr-4 text-[length:var(--chat-font-size)]">
          {i === 0 && (
            <>
              <span className="absolute left-4 top-0.5 compact:hidden">
                <Avatar id={me.id} name={me.name} image={me.image} size={40} />
              </span>
              <span className="absolute left-0 top-0 hidden w-[68px] text-center text-[11px] leading-[22px] text-text-muted compact:block">
                12:00 PM
              </span>
              <span className="flex items-baseline gap-2 leading-[1.375] compact:mr-1 compact:inline-flex">
                <span className="font-medium text-text-strong">{me.name}</span>
                <span className="text-xs text-text-muted compact:hidden">Today at 12:00 PM</span>
              </span>
            </>
          )}
          <span className="leading-[1.375] text-text">{line}</span>
        </li>
      ))}
    </ul>
  );
}
