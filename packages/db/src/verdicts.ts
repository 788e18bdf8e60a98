import type { TVerdict } from "@mlsec/core/labels/assemble-labels";
import { getDb } from "./client.ts";
import { NotFoundError } from "./errors.ts";

export type TVerdictKind = "malicious" | "benign";
/** Who acted: a signed-in user or an API key. */
export type TActor = { userId: string } | { apiKeyId: string };

export const actorId = (actor: TActor): string => ("userId" in actor ? actor.userId : actor.apiKeyId);

/**
 * Stores an analyst's verdict on one IP. Rows are appended, never updated, so the IP's history keeps
 * every verdict; the latest one is what training uses.
 */
export async function recordVerdict(opts: {
  tenantId: string;
  ip: string;
  verdict: TVerdictKind;
  note?: string;
  actor: TActor;
  reportId?: string | null;
  modelId?: string | null;
}) {
  return getDb().verdict.create({
    data: {
      tenantId: opts.tenantId,
      ip: opts.ip,
      verdict: opts.verdict,
      note: opts.note ?? "",
      userId: "userId" in opts.actor ? opts.actor.userId : null,
      apiKeyId: "apiKeyId" in opts.actor ? opts.actor.apiKeyId : null,
      reportId: opts.reportId ?? null,
      modelId: opts.modelId ?? null,
    },
  });
}

/** The tenant's verdicts, newest first, optionally for one IP. */
export async function listVerdicts(opts: { tenantId: string; ip?: string; take?: number }) {
  return getDb().verdict.findMany({
    where: { tenantId: opts.tenantId, ...(opts.ip ? { ip: opts.ip } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.take ?? 500,
  });
}

/** Training labels from verdicts: one per IP, the latest verdict winning. */
export async function verdictsForTraining(tenantId: string): Promise<TVerdict[]> {
  const rows = await getDb().verdict.findMany({
    where: { tenantId },
    orderBy: [{ ip: "asc" }, { createdAt: "desc" }, { id: "desc" }],
    distinct: ["ip"],
    select: { ip: true, verdict: true },
  });
  return rows.map((r) => ({ ip: r.ip, verdict: r.verdict }));
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
  const db = getDb();
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
