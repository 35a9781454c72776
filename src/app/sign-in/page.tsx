import type { Metadata } from "next";
import { SignInForm } from "@/web/components/auth/sign-in-form";
import { safeNext } from "@/shared/safe-next";

export const metadata: Metadata = { title: "Sign in · Giga Chat" };

type Query = Promise<{ next?: string | string[]; error?: string | string[]; twoFactor?: string | string[] }>;

export default async function SignInPage({ searchParams }: { searchParams: Query }) {
  const { next, error, twoFactor } = await searchParams;
  return (
    <SignInForm
      next={safeNext(next)}
      oauthError={Array.isArray(error) ? error[0] : error}
      twoFactorPending={twoFactor === "1"}
    />
  );
}
