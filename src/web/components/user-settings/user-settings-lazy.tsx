"use client";

import dynamic from "next/dynamic";
import { SettingsLoading } from "../ui/lazy-loading";

// User Settings (with the QR code and the sign-in client they use) load when opened.
export { forgetSettingsReturn, takeSettingsReturn, type SettingsReturn } from "./settings-return";

export const UserSettings = dynamic(() => import("./user-settings").then((m) => m.UserSettings), {
  ssr: false,
  loading: () => <SettingsLoading />,
});
