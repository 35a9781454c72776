"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect } from "react";
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
    router.replace(pathname && pathname !== "/" ? `/sign-in?next=${encodeURIComponent(pathname)}` : "/sign-in");
  }, [signedOut, router, pathname]);

  return { ...me, signedOut };
}
