import { FirstChannelRedirect } from "@/web/components/shell/first-channel-redirect";

export default async function ServerPage({ params }: { params: Promise<{ serverId: string }> }) {
  const { serverId } = await params;
  return <FirstChannelRedirect serverId={serverId} />;
}
