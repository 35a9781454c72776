import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/web/providers";
import { WithoutEval } from "./without-eval";
import "./globals.css";
import "./a11y.css";

export const metadata: Metadata = {
  title: "Giga Chat",
  description: "A self-hostable place for communities to talk.",
};

export const viewport: Viewport = { themeColor: "#1e1f22" };

// Every page shows per-user state fetched in the browser; nothing is worth prerendering.
export const dynamic = "force-dynamic";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <WithoutEval />
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
