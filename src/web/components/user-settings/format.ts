/** Small pure helpers for the user settings pages (tested in format.test.ts). */

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 86400],
  ["month", 30 * 86400],
  ["week", 7 * 86400],
  ["day", 86400],
  ["hour", 3600],
  ["minute", 60],
];

/** "5 minutes ago", "yesterday", "just now". */
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

/** Discord hides the address until asked: "********@example.com". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 0) return "*".repeat(Math.min(email.length, 10));
  return `${"*".repeat(Math.min(Math.max(at, 4), 10))}${email.slice(at)}`;
}

export type ClearAfter = "keep" | "never" | "30m" | "1h" | "4h" | "today" | "week";

export const clearAfterChoices: Array<{ id: Exclude<ClearAfter, "keep">; label: string }> = [
  { id: "never", label: "Don't clear" },
  { id: "30m", label: "30 minutes" },
  { id: "1h", label: "1 hour" },
  { id: "4h", label: "4 hours" },
  { id: "today", label: "Today" },
  { id: "week", label: "This week" },
];

const minutes = { "30m": 30, "1h": 60, "4h": 240 } as const;

/**
 * When a custom status set now clears itself: after a span, at local midnight
 * ("Today"), or when the week ends, Sunday night ("This week"). "keep" leaves the
 * expiry it already had.
 */
export function statusExpiry(choice: ClearAfter, now: Date = new Date(), current: string | null = null): string | null {
  switch (choice) {
    case "keep":
      return current;
    case "never":
      return null;
    case "30m":
    case "1h":
    case "4h":
      return new Date(now.getTime() + minutes[choice] * 60_000).toISOString();
    case "today": {
      const end = new Date(now);
      end.setHours(24, 0, 0, 0);
      return end.toISOString();
    }
    case "week": {
      const end = new Date(now);
      end.setDate(end.getDate() + ((8 - end.getDay()) % 7 || 7));
      end.setHours(0, 0, 0, 0);
      return end.toISOString();
    }
  }
}

/** The base32 secret of an otpauth:// URI, in groups of four for typing it by hand. */
export function totpSecret(uri: string): string {
  const match = /[?&]secret=([^&]+)/i.exec(uri);
  const secret = match?.[1] ? decodeURIComponent(match[1]) : "";
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/** A device line from the server's "Chrome on Linux", guessing phones for the icon. */
export function isMobileDevice(device: string | null): boolean {
  return !!device && /android|iphone|ipad|ios|mobile/i.test(device);
}
