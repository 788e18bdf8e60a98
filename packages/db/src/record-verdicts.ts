import { withTenant } from "./with-tenant.ts";
import { NotFoundError } from "./errors.ts";
import type { Prisma } from "./generated/prisma/client.ts";
import {
  actorId,
  eventColumns,
  verdictContextIn,
  verdictView,
  type TActor,
  type TVerdictEventView,
  type TVerdictKind,
} from "./verdicts.ts";
import { dayStart, MS_PER_DAY } from "@mlsec/core/day";
import type { TVerdictEvent } from "@mlsec/core/labels";

/** One verdict of a feedback request; `ip` is already canonical (the caller validated it). */
export type TVerdictInput = {
  ip: string;
  verdict: TVerdictKind;
  note?: string;
  reportId?: string | null;
  day?: string | null;
  cluster?: string | null;
  /** An event verdict: the sampled event judged (`day` is then its day, `ip` its address). */
  event?: TVerdictEvent | null;
};

/** The allow entry a false-positive verdict made or extended. */
export type TVerdictAllowEntry = { id: string; expiresAt: Date };

export type TRecordedVerdict = {
  id: string;
  ip: string;
  verdict: TVerdictKind;
  note: string;
  day: string | null;
  cluster: string | null;
  event: TVerdictEventView | null;
  createdAt: Date;
  reportId: string | null;
  modelId: string | null;
  /** Set for a whole-address benign verdict: the allow entry that now keeps the address out of every feed. */
  allowListed: TVerdictAllowEntry | null;
  /** How many verdict-made allow entries a whole-address malicious verdict removed. */
  allowRemoved: number;
};

/** The reason a verdict-made allow entry carries; people read it on the lists page and in exports. */
export const falsePositiveReason = (verdictId: string): string => `false positive (verdict ${verdictId})`;

// A request holds up to 500 verdicts, each a few statements: well over Prisma's 5 s default.
const TRANSACTION_TIMEOUT_MS = 60_000;

/**
 * Stores a request's verdicts, their audit events and the allowlist changes they imply in one
 * transaction, so a request that fails on one item (a report of another tenant: NotFoundError)
 * leaves nothing behind. A whole-address benign verdict is a false positive: it creates an allow
 * entry for that exact address expiring after the tenant's `falsePositiveAllowDays` (or extends the
 * one an earlier verdict made). A later whole-address malicious verdict removes the entries verdicts
 * made, never ones people added on the lists page. Day verdicts (and event verdicts, which are
 * verdicts on the event's address-day that name the event) only relabel training: they leave
 * the lists alone. Items apply in order, so a later item on the same address wins.
 */
export async function recordVerdicts(opts: {
  tenantId: string;
  actor: TActor;
  items: readonly TVerdictInput[];
  /** The moment expiries count from (tests); default now. */
  now?: Date;
}): Promise<TRecordedVerdict[]> {
  const now = opts.now ?? new Date();
  return withTenant(
    opts.tenantId,
    async (tx) => {
      const tenant = await tx.tenant.findUnique({
        where: { id: opts.tenantId },
        select: { falsePositiveAllowDays: true },
      });
      if (!tenant) throw new NotFoundError("tenant");
      const expiresAt = new Date(now.getTime() + tenant.falsePositiveAllowDays * MS_PER_DAY);
      const saved: TRecordedVerdict[] = [];
      for (const item of opts.items) {
        const context = await verdictContextIn(tx, {
          tenantId: opts.tenantId,
          reportId: item.reportId ?? null,
        });
        const row = verdictView(
          await tx.verdict.create({
            data: {
              tenantId: opts.tenantId,
              ip: item.ip,
              verdict: item.verdict,
              note: item.note ?? "",
              userId: "userId" in opts.actor ? opts.actor.userId : null,
              apiKeyId: "apiKeyId" in opts.actor ? opts.actor.apiKeyId : null,
              reportId: context.reportId,
              modelId: context.modelId,
              day: item.day ? dayStart(item.day) : null,
              cluster: item.cluster ?? null,
              ...eventColumns(item.event),
            },
          }),
        );
        const whole = row.day === null;
        const allowListed =
          whole && row.verdict === "benign"
            ? await allowFalsePositive(tx, {
                tenantId: opts.tenantId,
                ip: item.ip,
                verdictId: row.id,
                expiresAt,
                actor: opts.actor,
              })
            : null;
        const allowRemoved =
          whole && row.verdict === "malicious"
            ? await removeVerdictAllows(tx, { tenantId: opts.tenantId, ip: item.ip })
            : 0;
        // The audit log says what the verdict did to the allowlist, since no one added that entry by hand.
        await tx.auditEvent.create({
          data: {
            tenantId: opts.tenantId,
            actor: actorId(opts.actor),
            action: "verdict",
            target: item.ip,
            detail: {
              verdict: row.verdict,
              verdictId: row.id,
              reportId: context.reportId,
              modelId: context.modelId,
              day: row.day,
              cluster: row.cluster,
              // An event verdict says in words which event it judged, for whoever reads the log.
              ...(row.event ? { event: row.event } : {}),
              allowListed: allowListed
                ? { id: allowListed.id, expiresAt: allowListed.expiresAt.toISOString() }
                : null,
              allowRemoved,
            },
          },
        });
        saved.push({
          id: row.id,
          ip: item.ip,
          verdict: row.verdict,
          note: row.note,
          day: row.day,
          cluster: row.cluster,
          event: row.event,
          createdAt: row.createdAt,
          reportId: context.reportId,
          modelId: context.modelId,
          allowListed,
          allowRemoved,
        });
      }
      return saved;
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_TIMEOUT_MS },
  );
}

/** Creates the address's verdict-made allow entry, or moves an existing one's expiry and verdict. */
async function allowFalsePositive(
  tx: Prisma.TransactionClient,
  opts: { tenantId: string; ip: string; verdictId: string; expiresAt: Date; actor: TActor },
): Promise<TVerdictAllowEntry> {
  const data = {
    reason: falsePositiveReason(opts.verdictId),
    verdictId: opts.verdictId,
    expiresAt: opts.expiresAt,
  };
  const existing = await tx.listEntry.findFirst({
    where: { tenantId: opts.tenantId, kind: "allow", value: opts.ip, verdictId: { not: null } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  const entry = existing
    ? await tx.listEntry.update({ where: { id: existing.id }, data })
    : await tx.listEntry.create({
        data: {
          tenantId: opts.tenantId,
          kind: "allow",
          value: opts.ip,
          createdBy: actorId(opts.actor),
          ...data,
        },
      });
  return { id: entry.id, expiresAt: opts.expiresAt };
}

async function removeVerdictAllows(tx: Prisma.TransactionClient, opts: { tenantId: string; ip: string }) {
  const { count } = await tx.listEntry.deleteMany({
    where: { tenantId: opts.tenantId, kind: "allow", value: opts.ip, verdictId: { not: null } },
  });
  return count;
}
