// The IP page's sampled events are anchored per upload and per day, so the report can link a flagged
// row straight to the events behind it.

/** The id of an upload's sampled events on the IP page, and of one of its days. */
export function eventsAnchor(uploadId: string, day?: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, "");
  const dayPart = day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? `-${day}` : "";
  return `events-${safe(uploadId)}${dayPart}`;
}
