import type { Metadata } from "next";
import { SignUpForm } from "@/web/components/auth/sign-up-form";
import { safeNextPath } from "@/web/lib/safe-next";

export const metadata: Metadata = { title: "Create an account · Giga Chat" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  return <SignUpForm next={safeNextPath(next)} />;
}
