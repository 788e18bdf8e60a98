import { dayStart, utcDay } from "@mlsec/core/day";
import { type TVerdict, type TVerdictEvent, verdictEventText, ZVerdictEvent } from "@mlsec/core/labels";
import { getDb } from "./client.ts";
import { withTenant } from "./with-tenant.ts";
import { NotFoundError } from "./errors.ts";
import type { Prisma, Verdict } from "./generated/prisma/client.ts";

export type TVerdictKind = "malicious" | "benign";
/** Who acted: a signed-in user or an API key. */
export type TActor = { userId: string } | { apiKeyId: string };

export const actorId = (actor: TActor): string => ("userId" in actor ? actor.userId : actor.apiKeyId);

/**
 * Stores an analyst's verdict on one IP, or on one UTC day of it (`day`, "YYYY-MM-DD", with the
 * behaviour rule judged that day in `cluster`). Rows are appended, never updated, so the IP's
 * history keeps every verdict; the latest one (per address, and per address-day) is what training uses.
 */
export async function recordVerdict(opts: {
  tenantId: string;
  ip: string;
  verdict: TVerdictKind;
  note?: string;
  actor: TActor;
  reportId?: string | null;
  modelId?: string | null;
  day?: string | null;
  cluster?: string | null;
}) {
  return withTenant(opts.tenantId, async (tx) => {
    const row = await tx.verdict.create({
      data: {
        tenantId: opts.tenantId,
        ip: opts.ip,
        verdict: opts.verdict,
        note: opts.note ?? "",
        userId: "userId" in opts.actor ? opts.actor.userId : null,
        apiKeyId: "apiKeyId" in opts.actor ? opts.actor.apiKeyId : null,
        reportId: opts.reportId ?? null,
        modelId: opts.modelId ?? null,
        day: opts.day ? dayStart(opts.day) : null,
        cluster: opts.cluster ?? null,
      },
    });
    return verdictView(row);
  });
}

/**
 * The tenant's verdicts, newest first, optionally for one IP; `day` as "YYYY-MM-DD" or null, and
 * `event` the sampled event an event verdict was given on (null for address and day verdicts).
 */
export async function listVerdicts(opts: { tenantId: string; ip?: string; take?: number }) {
  return withTenant(opts.tenantId, async (tx) => {
    const rows = await tx.verdict.findMany({
      where: { tenantId: opts.tenantId, ...(opts.ip ? { ip: opts.ip } : {}) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: opts.take ?? 500,
    });
    return rows.map(verdictView);
  });
}

/** An event verdict's event, with `text` saying it in words (verdictEventText) for people to read. */
export type TVerdictEventView = TVerdictEvent & { text: string };

/** A verdict as callers see it: the day as text, the event reference and snapshot as one object. */
export type TVerdictView = Omit<Verdict, "day" | "eventUploadId" | "eventLine" | "event"> & {
  day: string | null;
  event: TVerdictEventView | null;
};

export function verdictView(row: Verdict): TVerdictView {
  const { eventUploadId, eventLine, event, ...rest } = row;
  return { ...withDayText(rest), event: eventOf(eventUploadId, eventLine, event) };
}

/**
 * The event of a row, or null. A snapshot that no longer parses (written by a later version) keeps
 * the reference with what still reads, so the history never loses which line was judged.
 */
function eventOf(
  uploadId: string | null,
  line: number | null,
  snapshot: Prisma.JsonValue,
): TVerdictEventView | null {
  if (uploadId === null || line === null) return null;
  const fields =
    typeof snapshot === "object" && snapshot !== null && !Array.isArray(snapshot) ? snapshot : {};
  const parsed = ZVerdictEvent.safeParse({ ...fields, uploadId, line });
  const event: TVerdictEvent = parsed.success
    ? parsed.data
    : {
        uploadId,
        line,
        filename: "",
        time: "",
        srcPort: null,
        dst: null,
        dstPort: null,
        proto: null,
        action: "",
      };
  return { ...event, text: verdictEventText(event) };
}

/** The columns an event verdict stores: the reference, and the rest of the event as its snapshot. */
export function eventColumns(event: TVerdictEvent | null | undefined) {
  if (!event) return { eventUploadId: null, eventLine: null };
  const { uploadId, line, ...snapshot } = event;
  return { eventUploadId: uploadId, eventLine: line, event: snapshot };
}

/**
 * Training labels from verdicts: the latest whole-address verdict per IP and the latest verdict per
 * address-day, each with when it was given, so the core can let the later of the two label a day
 * where both apply (DatasetBuilder).
 */
export async function verdictsForTraining(tenantId: string): Promise<TVerdict[]> {
  const rows = await getDb().verdict.findMany({
    where: { tenantId },
    orderBy: [{ ip: "asc" }, { day: "asc" }, { createdAt: "desc" }, { id: "desc" }],
    distinct: ["ip", "day"],
    select: { ip: true, verdict: true, day: true, cluster: true, createdAt: true },
  });
  return rows.map((r) => ({
    ip: r.ip,
    verdict: r.verdict,
    at: r.createdAt.toISOString(),
    ...(r.day ? { day: utcDay(r.day) } : {}),
    ...(r.cluster ? { cluster: r.cluster } : {}),
  }));
}

/** A stored row with its `@db.Date` day as the "YYYY-MM-DD" the API and portal show. */
export function withDayText<R extends { day: Date | null }>(row: R): Omit<R, "day"> & { day: string | null } {
  return { ...row, day: row.day ? utcDay(row.day) : null };
}

/** Verdicts given after a moment (the active model's creation): the retrain trigger counts these. */
export async function countVerdictsSince(opts: { tenantId: string; since: Date | null }): Promise<number> {
  return getDb().verdict.count({
    where: { tenantId: opts.tenantId, ...(opts.since ? { createdAt: { gt: opts.since } } : {}) },
  });
}

/**
 * Where a verdict was given: the report (this tenant's, else NotFoundError) and the model that
 * scored it; without a report, the tenant's active model at the time.
 */
export async function verdictContext(opts: { tenantId: string; reportId?: string | null }) {
  return withTenant(opts.tenantId, (tx) => verdictContextIn(tx, opts));
}

/** verdictContext on a given client, so a transaction can resolve it among its own reads. */
export async function verdictContextIn(
  db: Prisma.TransactionClient,
  opts: { tenantId: string; reportId?: string | null },
): Promise<{ reportId: string | null; modelId: string | null }> {
  if (opts.reportId) {
    const report = await db.report.findFirst({
      where: { tenantId: opts.tenantId, id: opts.reportId },
      select: { id: true, modelId: true },
    });
    if (!report) throw new NotFoundError("report");
    return { reportId: report.id, modelId: report.modelId };
  }
  const active = await db.model.findFirst({
    where: { tenantId: opts.tenantId, status: "active" },
    orderBy: { version: "desc" },
    select: { id: true },
  });
  return { reportId: null, modelId: active?.id ?? null };
}
