import type { NextConfig } from "next";

const config: NextConfig = {
  // The custom server in src/server/main.ts owns the HTTP port; Next renders pages only.
  poweredByHeader: false,
  reactStrictMode: true,
  typescript: { ignoreBuildErrors: true }, // `npm run typecheck` checks the whole tree once
  // Pages get their headers (and the CSP nonce) from src/proxy.ts; Next's static files,
  // which the proxy skips, get the ones that matter for a file.
  async headers() {
    return [
      {
        source: "/_next/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default config;
