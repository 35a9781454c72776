import type { Metadata } from "next";
import { SignInForm } from "@/web/components/auth/sign-in-form";
import { safeNextPath } from "@/web/lib/safe-next";

export const metadata: Metadata = { title: "Sign in · Giga Chat" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  return <SignInForm next={safeNextPath(next)} />;
}
