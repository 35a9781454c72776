import { FriendsView } from "@/web/components/dms/friends-view";

export default function DirectMessagesPage() {
  return <FriendsView />;
}
