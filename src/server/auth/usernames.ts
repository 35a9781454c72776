/**
 * Usernames: chosen freely later, but everyone gets one at sign-up, made from their
 * name (or email) and made unique with a number, as Discord does.
 */
import { eq } from "drizzle-orm";
import { limits } from "@/shared/limits";
import { usernameProblem } from "@/shared/api";
import type { Db } from "../db/client";
import { user } from "../db/schema";

/** "Ada Lovelace" -> "ada_lovelace"; falls back to the email's local part, then "user". */
export function usernameBase(name: string, email: string): string {
  const clean = (s: string) =>
    s
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/\s+/g, "_")
      .replace(/[^a-z0-9_.]/g, "")
      .replace(/\.{2,}/g, ".")
      .replace(/^[._]+|[._]+$/g, "")
      .slice(0, limits.usernameMax - 5);
  for (const candidate of [clean(name), clean(email.split("@")[0] ?? "")]) {
    if (candidate.length >= limits.usernameMin && !usernameProblem(candidate)) return candidate;
  }
  return "user";
}

export async function isUsernameTaken(db: Db, username: string, exceptUserId?: string): Promise<boolean> {
  const [row] = await db.select({ id: user.id }).from(user).where(eq(user.username, username)).limit(1);
  return !!row && row.id !== exceptUserId;
}

export async function uniqueUsername(db: Db, name: string, email: string): Promise<string> {
  const base = usernameBase(name, email);
  if (!(await isUsernameTaken(db, base))) return base;
  for (let digits = 4; ; digits++) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const suffix = Math.floor(Math.random() * 10 ** digits)
        .toString()
        .padStart(digits, "0");
      const candidate = `${base}${suffix}`;
      if (!(await isUsernameTaken(db, candidate))) return candidate;
    }
  }
}
