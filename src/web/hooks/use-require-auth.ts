"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect } from "react";
import { safeNext } from "@/shared/safe-next";
import { isApiError } from "../api";
import { useMe } from "./use-me";

/** The signed-in user, or a redirect to sign-in that brings the person back here after. */
export function useRequireAuth() {
  const me = useMe();
  const router = useRouter();
  const pathname = usePathname();
  const signedOut = isApiError(me.error, "UNAUTHORIZED");

  useEffect(() => {
    if (!signedOut) return;
    const next = safeNext(pathname);
    router.replace(next && next !== "/" ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in");
  }, [signedOut, router, pathname]);

  return { ...me, signedOut };
}
