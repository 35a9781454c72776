import type { ReactNode } from "react";

/** The blurple backdrop and centred card shared by sign-in, sign-up and invite pages. */
export function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center bg-[radial-gradient(circle_at_20%_20%,#7984f5_0,#5865f2_35%,#404eed_100%)] p-4">
      <div className="w-full max-w-[480px] rounded-md bg-chat p-8 shadow-2xl">{children}</div>
    </main>
  );
}
