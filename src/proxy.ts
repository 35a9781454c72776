/**
 * Next.js proxy (runs before every page render): a fresh script nonce per request in
 * the Content-Security-Policy, which Next reads from the request to stamp its own
 * scripts, and the same browser protections the API sends (http/security-headers.ts).
 * The API and the socket never reach Next: the app server sends them to Hono and
 * Socket.IO first.
 */
import { type NextRequest, NextResponse } from "next/server";
import { commonSecurityHeaders, newNonce, pageCsp } from "./server/http/security-headers";

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const https = (process.env.BASE_URL ?? "").startsWith("https://");
  const dev = process.env.NODE_ENV === "development";
  const csp = pageCsp(nonce, { https, dev, host: request.headers.get("host") ?? "", livekitUrl: process.env.LIVEKIT_URL });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  for (const [name, value] of Object.entries(commonSecurityHeaders({ https, dev }))) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: static files get theirs from next.config.ts.
      source: "/((?!api/|socket\\.io/|_next/static|_next/image|favicon\\.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
