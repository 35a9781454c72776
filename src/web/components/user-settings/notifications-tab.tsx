"use client";

import { useEffect, useState } from "react";
import type { NotificationPrefs } from "@/shared/api/notifications";
import { useNotificationSettings } from "../../hooks/use-notification-settings";
import { useUpdateNotificationPrefs } from "../../hooks/use-notification-settings-mutations";
import { cn } from "../../lib/cn";
import { describeError } from "../../lib/errors";
import type { BrowserNotifications } from "../../notify/push";
import { Button } from "../ui/button";
import { SettingsTitle } from "../ui/settings-shell";
import { Spinner } from "../ui/spinner";
import { Toggle } from "../ui/toggle";
import { levelChoices } from "../notifications/labels";
import { SectionHeading } from "./section-heading";
import { RadioChoice, SettingRow } from "../ui/choice";

const push = () => import("../../notify/push");

const stateWords: Record<BrowserNotifications["state"], { title: string; text: string }> = {
  push: {
    title: "On, with push",
    text: "You're notified of mentions and direct messages on this device, even when Giga Chat is closed.",
  },
  desktop: { title: "On, as desktop notifications only", text: "" },
  off: { title: "Off", text: "This browser shows no notifications from Giga Chat." },
  blocked: {
    title: "Blocked by the browser",
    text: "Your browser blocks notifications from this site. To allow them, open the site's settings (the icon beside the address), set Notifications to Allow, then come back here.",
  },
  unsupported: { title: "Not available", text: "This browser cannot show notifications." },
};

/** User Settings → Notifications: this browser's notifications, and the account's defaults. */
export function NotificationsTab() {
  const settings = useNotificationSettings();
  const update = useUpdateNotificationPrefs();
  const prefs = settings.data?.prefs;
  const change = (input: Partial<NotificationPrefs>) => update.mutate(input);

  return (
    <>
      <SettingsTitle>Notifications</SettingsTitle>
      <BrowserSection />
      <hr className="my-8 border-divider" />
      {!prefs ? (
        settings.error ? <p className="text-danger-soft">{describeError(settings.error)}</p> : <Spinner />
      ) : (
        <>
          {update.error && (
            <p role="alert" className="mb-4 text-sm text-danger-soft">
              Could not save: {describeError(update.error)}
            </p>
          )}
          <fieldset className="mb-8">
            <legend className="sr-only">Default for servers</legend>
            <SectionHeading id="notify-default" title="Default for servers">
              What notifies you in a server you have not set yourself (Server menu → Notification Settings). Direct messages always notify.
            </SectionHeading>
            <div className="flex max-w-lg flex-col gap-2">
              {levelChoices.map((choice) => (
                <RadioChoice
                  key={choice.value}
                  name="notify-default"
                  size="roomy"
                  checked={prefs.serverDefault === choice.value}
                  onChange={() => change({ serverDefault: choice.value })}
                  testId={`notify-default-${choice.value}`}
                >
                  {choice.label}
                </RadioChoice>
              ))}
            </div>
          </fieldset>
          <div className="flex max-w-lg flex-col gap-5">
            <SettingRow title="Hide message previews" hint="Notifications say who wrote and where, but not the words.">
              <Toggle label="Hide message previews" testId="notify-hide-previews" checked={prefs.hidePreviews} onChange={(hidePreviews) => change({ hidePreviews })} />
            </SettingRow>
            <SettingRow title="Notification sound" hint="A short chime for mentions and messages that notify you while Giga Chat is open.">
              <Toggle label="Notification sound" testId="notify-sound" checked={prefs.sound} onChange={(sound) => change({ sound })} />
            </SettingRow>
          </div>
          <p className="mt-8 max-w-lg text-sm text-text-muted">
            Set your status to <b className="text-text">Do Not Disturb</b> to silence sounds and desktop notifications on every device;
            mentions still wait in your inbox.
          </p>
        </>
      )}
    </>
  );
}

function BrowserSection() {
  const [state, setState] = useState<BrowserNotifications>();
  const [busy, setBusy] = useState(false);
  const [testResult, setTestResult] = useState<{ ok: boolean; text: string }>();

  useEffect(() => {
    let live = true;
    void push()
      .then((m) => m.browserNotifications())
      .then((s) => live && setState(s));
    return () => {
      live = false;
    };
  }, []);

  const run = async (action: (m: Awaited<ReturnType<typeof push>>) => Promise<BrowserNotifications>) => {
    setBusy(true);
    try {
      setState(await action(await push()));
    } finally {
      setBusy(false);
    }
  };
  const test = async () => {
    setTestResult(undefined);
    try {
      setTestResult({ ok: true, text: await (await push()).sendTestNotification() });
    } catch (error) {
      setTestResult({ ok: false, text: describeError(error) });
    }
  };

  const on = state?.state === "push" || state?.state === "desktop";
  const words = state && stateWords[state.state];
  const canToggle = state && state.state !== "blocked" && state.state !== "unsupported";

  return (
    <section aria-labelledby="notify-browser">
      <SectionHeading id="notify-browser" title="Notifications in this browser" />
      {!state || !words ? (
        <Spinner />
      ) : (
        <div className="flex max-w-lg flex-col gap-4">
          <div className="flex items-start gap-3 rounded-lg bg-field p-4" data-testid="notify-browser-state" data-state={state.state}>
            <div className="flex-1">
              <div className="font-semibold text-text-strong">{words.title}</div>
              <p className="mt-1 text-sm text-text-muted">{state.state === "desktop" ? state.reason : words.text}</p>
            </div>
            {canToggle && (
              <Toggle
                label="Enable notifications in this browser"
                testId="notify-browser-toggle"
                checked={on}
                disabled={busy}
                onChange={(next) => void run((m) => (next ? m.enableNotifications() : m.disableNotifications()))}
              />
            )}
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <Button variant="secondary" data-testid="notify-test" disabled={busy} onClick={() => void test()}>
              Send a test notification
            </Button>
            {testResult && (
              <span role="status" data-testid="notify-test-result" className={cn("text-sm", testResult.ok ? "text-text-muted" : "text-danger-soft")}>
                {testResult.text}
              </span>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
