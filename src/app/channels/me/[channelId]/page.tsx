import { DmConversation } from "@/web/components/dms/dm-conversation";

export default async function ConversationPage({ params }: { params: Promise<{ channelId: string }> }) {
  const { channelId } = await params;
  return <DmConversation channelId={channelId} />;
}
