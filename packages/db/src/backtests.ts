import { dayStart, utcDay } from "@mlsec/core/day";
import { ConflictError, NotFoundError } from "./errors.ts";
import type { Backtest, Prisma } from "./generated/prisma/client.ts";
import { withTenant } from "./with-tenant.ts";

export const BACKTEST_STATUSES = ["queued", "running", "done", "failed"] as const;
export type TBacktestStatus = (typeof BACKTEST_STATUSES)[number];

/** A backtest run as callers see it: the stored row, its days as "YYYY-MM-DD" (`from`, `to`). */
export type TBacktestRow = Omit<Backtest, "fromDay" | "toDay"> & { from: string; to: string };

const view = ({ fromDay, toDay, ...row }: Backtest): TBacktestRow => ({
  ...row,
  from: utcDay(fromDay),
  to: utcDay(toDay),
});

const isUniqueViolation = (err: unknown): boolean =>
  typeof err === "object" && err !== null && "code" in err && err.code === "P2002";

/**
 * Records a queued run. One queued or running run per tenant: another throws ConflictError (the
 * partial unique index answers a race the check below loses).
 */
export async function createBacktest(opts: {
  tenantId: string;
  from: string;
  to: string;
  requestedBy: string;
}): Promise<TBacktestRow> {
  const conflict = () => new ConflictError("a backtest is already queued or running for this organisation");
  try {
    return await withTenant(opts.tenantId, async (tx) => {
      const active = await tx.backtest.findFirst({
        where: { tenantId: opts.tenantId, status: { in: ["queued", "running"] } },
        select: { id: true },
      });
      if (active) throw conflict();
      return view(
        await tx.backtest.create({
          data: {
            tenantId: opts.tenantId,
            fromDay: dayStart(opts.from),
            toDay: dayStart(opts.to),
            requestedBy: opts.requestedBy,
          },
        }),
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict();
    throw err;
  }
}

/** One run of the tenant; another tenant's id and an unknown id throw NotFoundError alike. */
export async function getBacktest(opts: { tenantId: string; id: string }): Promise<TBacktestRow> {
  const row = await withTenant(opts.tenantId, (tx) =>
    tx.backtest.findFirst({ where: { tenantId: opts.tenantId, id: opts.id } }),
  );
  if (!row) throw new NotFoundError("backtest");
  return view(row);
}

/** The tenant's runs, newest first (at most `take`, default 50). */
export async function listBacktests(opts: { tenantId: string; take?: number }): Promise<TBacktestRow[]> {
  const rows = await withTenant(opts.tenantId, (tx) =>
    tx.backtest.findMany({
      where: { tenantId: opts.tenantId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: Math.min(opts.take ?? 50, 200),
    }),
  );
  return rows.map(view);
}

/** The worker took the run: running from now (a retried attempt keeps its first start). */
export async function markBacktestRunning(opts: { tenantId: string; id: string }): Promise<void> {
  await withTenant(opts.tenantId, (tx) =>
    tx.backtest.updateMany({
      where: { tenantId: opts.tenantId, id: opts.id, status: { in: ["queued", "running"] } },
      data: { status: "running", startedAt: new Date() },
    }),
  );
}

/** The run finished: its pooled numbers and where its result is. */
export async function markBacktestDone(opts: {
  tenantId: string;
  id: string;
  summary: Prisma.InputJsonObject;
  resultKey: string;
}): Promise<void> {
  await withTenant(opts.tenantId, (tx) =>
    tx.backtest.updateMany({
      where: { tenantId: opts.tenantId, id: opts.id },
      data: {
        status: "done",
        summary: opts.summary,
        resultKey: opts.resultKey,
        error: null,
        finishedAt: new Date(),
      },
    }),
  );
}

/** The run failed for good, with the reason its requester reads. */
export async function markBacktestFailed(opts: {
  tenantId: string;
  id: string;
  error: string;
}): Promise<void> {
  await withTenant(opts.tenantId, (tx) =>
    tx.backtest.updateMany({
      where: { tenantId: opts.tenantId, id: opts.id },
      data: { status: "failed", error: opts.error.slice(0, 2000), finishedAt: new Date() },
    }),
  );
}
