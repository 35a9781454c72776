const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const dateFormat = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "2-digit", day: "2-digit" });

function isSameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "Today at 3:04 PM", "Yesterday at …", or a date, like Discord's message header. */
export function formatMessageTimestamp(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (isSameDay(date, now)) return `Today at ${timeFormat.format(date)}`;
  if (isSameDay(date, yesterday)) return `Yesterday at ${timeFormat.format(date)}`;
  return `${dateFormat.format(date)} ${timeFormat.format(date)}`;
}

export function formatShortTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}
