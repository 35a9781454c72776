import type { UserSettingsProps } from "./user-settings";

// Apart from user-settings.tsx, so the user panel can reopen settings after a provider
// redirect without loading them first.
export type SettingsReturn = Omit<UserSettingsProps, "onClose">;

/** Kept until settings close, so a sidebar mounted again while loading still opens them. */
let pendingReturn: SettingsReturn | undefined;

/**
 * Connecting a provider leaves the app and comes back to `?settings=security` (with
 * `error` when it failed): open settings there, then tidy the address.
 */
export function takeSettingsReturn(): SettingsReturn | undefined {
  const params = new URLSearchParams(window.location.search);
  if (params.get("settings") === "security") {
    const linkReturn = { error: params.get("error") ?? undefined, description: params.get("error_description") ?? undefined };
    pendingReturn = { initialTab: "security", linkReturn };
    for (const key of ["settings", "error", "error_description"]) params.delete(key);
    const rest = params.toString();
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${rest ? `?${rest}` : ""}`);
  }
  return pendingReturn;
}

export function forgetSettingsReturn(): void {
  pendingReturn = undefined;
}
