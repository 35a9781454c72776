import { Home } from "@/web/components/home/home";

export default function HomePage() {
  return <Home />;
}
