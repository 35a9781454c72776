import type { ReactNode } from "react";

/** A block of the Security page: a title in words, then what it is for. */
export function SectionHeading({ id, title, children }: { id: string; title: string; children?: ReactNode }) {
  return (
    <div className="mb-4">
      <h2 id={id} className="text-base font-semibold text-text-strong">
        {title}
      </h2>
      {children && <p className="mt-1 max-w-lg text-sm text-text-muted">{children}</p>}
    </div>
  );
}
