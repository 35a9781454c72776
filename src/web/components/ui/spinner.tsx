import { LoaderCircle } from "lucide-react";
import { cn, sets, utility } from "../../lib/cn";

/** Muted unless `className` gives it a text colour. */
export function Spinner({ size = 24, className }: { size?: number; className?: string }) {
  return <LoaderCircle aria-label="Loading" size={size} className={cn("animate-spin", !sets(className, utility.textColour) && "text-text-muted", className)} />;
}

/** A whole-screen wait, used while deciding where a signed-in user should land. */
export function FullScreenSpinner({ label }: { label?: string }) {
  return (
    <div className="flex h-dvh flex-col items-center justify-center gap-3 bg-chat text-text-muted">
      <Spinner size={32} />
      {label && <p className="text-sm">{label}</p>}
    </div>
  );
}
