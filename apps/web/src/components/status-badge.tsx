const KNOWN = new Set([
  "queued",
  "processing",
  "done",
  "failed",
  "block",
  "review",
  "allow",
  "malicious",
  "benign",
  "active",
]);

/** A coloured pill for upload statuses, buckets and verdicts. */
export function StatusBadge({ value }: { value: string }) {
  const tone = KNOWN.has(value) ? value : "unknown";
  return <span className={`badge badge-${tone}`}>{value}</span>;
}
