import type { Metadata } from "next";
import { InviteCard } from "@/web/components/invite/invite-card";

export const metadata: Metadata = { title: "Invite · Giga Chat" };

export default async function InvitePage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  return <InviteCard code={code} />;
}
