import type { Metadata } from "next";
import { SignUpForm } from "@/web/components/auth/sign-up-form";
import { safeNext } from "@/shared/safe-next";

export const metadata: Metadata = { title: "Create an account · Giga Chat" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  return <SignUpForm next={safeNext(next)} />;
}
