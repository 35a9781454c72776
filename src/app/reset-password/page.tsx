import type { Metadata } from "next";
import { ResetPasswordForm } from "@/web/components/auth/reset-password-form";

export const metadata: Metadata = { title: "Choose a new password · Giga Chat" };

type Query = Promise<{ token?: string | string[]; error?: string | string[] }>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ResetPasswordPage({ searchParams }: { searchParams: Query }) {
  const { token, error } = await searchParams;
  return <ResetPasswordForm token={first(token)} error={first(error)} />;
}
