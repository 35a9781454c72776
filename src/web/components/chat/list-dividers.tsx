import { Hash } from "lucide-react";
import { forwardRef } from "react";

export function ChannelBeginning({ name }: { name: string }) {
  return (
    <div className="mx-4 mb-2 mt-4">
      <span className="flex size-[68px] items-center justify-center rounded-full bg-field text-text-strong">
        <Hash size={42} />
      </span>
      <h2 className="mt-2 text-[32px] font-bold text-text-strong">Welcome to #{name}!</h2>
      <p className="text-text-muted">This is the start of the #{name} channel.</p>
    </div>
  );
}

export function DayDivider({ iso }: { iso: string }) {
  const label = new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" });
  return (
    <li className="mx-4 mb-1 mt-6 flex items-center gap-2 text-xs font-semibold text-text-muted">
      <span className="h-px flex-1 bg-divider" />
      {label}
      <span className="h-px flex-1 bg-divider" />
    </li>
  );
}

/** Discord's red line before the first message that arrived since I last read the channel. */
export const NewMessagesDivider = forwardRef<HTMLLIElement>(function NewMessagesDivider(_props, ref) {
  return (
    <li ref={ref} data-testid="new-messages-divider" className="relative mx-4 mb-1 mt-4 flex h-0 items-center border-t border-danger">
      <span className="absolute right-0 -top-2 rounded-l-sm rounded-r bg-danger px-1 text-[10px] font-bold uppercase leading-4 text-white">
        New
      </span>
    </li>
  );
});
