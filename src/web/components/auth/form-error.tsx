import { CircleAlert } from "lucide-react";

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <div role="alert" data-testid="form-error" className="flex items-start gap-2 rounded bg-danger/15 px-3 py-2 text-sm text-danger-soft">
      <CircleAlert size={18} className="mt-px shrink-0" />
      <span>{message}</span>
    </div>
  );
}
