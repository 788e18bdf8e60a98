import type { TBacktestRow } from "@mlsec/db";

/** A run as the API answers it (no storage key: downloads go through /result). */
export const backtestView = (b: TBacktestRow) => ({
  id: b.id,
  status: b.status,
  from: b.from,
  to: b.to,
  requestedBy: b.requestedBy,
  createdAt: b.createdAt.toISOString(),
  startedAt: b.startedAt?.toISOString() ?? null,
  finishedAt: b.finishedAt?.toISOString() ?? null,
  summary: b.summary ?? null,
  error: b.error,
});
