import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import { APPEARANCE_COOKIE, decodeAppearance, themeColors } from "@/shared/api/appearance-values";
import { htmlAppearance } from "@/web/lib/appearance";
import type { ReactNode } from "react";
import { Providers } from "@/web/providers";
import { WithoutEval } from "./without-eval";
import "./globals.css";
import "./a11y.css";

export const metadata: Metadata = {
  title: "Giga Chat",
  description: "A self-hostable place for communities to talk.",
};

/** The account's appearance, from the cookie its last change or read left: right on the first paint. */
async function savedAppearance() {
  return decodeAppearance((await cookies()).get(APPEARANCE_COOKIE)?.value);
}

export async function generateViewport(): Promise<Viewport> {
  const { theme } = await savedAppearance();
  // The keyboard shrinks the layout viewport where the browser allows it, so `dvh` follows it.
  const interactiveWidget = "resizes-content";
  if (theme !== "system") return { themeColor: themeColors[theme], interactiveWidget };
  return {
    interactiveWidget,
    themeColor: [
      { media: "(prefers-color-scheme: light)", color: themeColors.light },
      { media: "(prefers-color-scheme: dark)", color: themeColors.dark },
    ],
  };
}

// Every page shows per-user state fetched in the browser; nothing is worth prerendering.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" {...htmlAppearance(await savedAppearance())}>
      <body>
        <WithoutEval />
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
