import { NoConversation } from "@/web/components/dms/dm-empty";

export default function DirectMessagesPage() {
  return <NoConversation />;
}
