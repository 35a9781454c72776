import type { Metadata } from "next";
import { ForgotPasswordForm } from "@/web/components/auth/forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password? · Giga Chat" };

export default function ForgotPasswordPage() {
  return <ForgotPasswordForm />;
}
