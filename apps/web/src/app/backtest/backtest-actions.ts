"use server";

import { redirect } from "next/navigation";
import { ConflictError } from "@mlsec/db";
import { enqueueBacktest } from "@mlsec/jobs";
import { requestBacktest } from "@mlsec/pipeline/backtest";
import { ZBacktestCreate } from "@/lib/api-schemas.ts";
import { getQueues } from "@/lib/queues.ts";
import { requireScope } from "@/lib/require-scope.ts";
import type { TBacktestFormError } from "./backtest-form-errors.ts";

const day = (v: FormDataEntryValue | null): string | undefined =>
  typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;

function back(error: TBacktestFormError): never {
  redirect(`/backtest?error=${error}`);
}

/**
 * "Run backtest" on /backtest: a plain form post (works without JavaScript), validated by the
 * schema POST /api/v1/backtests uses and queued and audited by the same use case; then the run's
 * page. Analysts and above.
 */
export async function runBacktestAction(form: FormData): Promise<void> {
  const user = await requireScope("feedback");
  const parsed = ZBacktestCreate.safeParse({ from: day(form.get("from")), to: day(form.get("to")) });
  if (!parsed.success) back("range");
  let id = "";
  let refused: TBacktestFormError | null = null;
  try {
    const asked = await requestBacktest({
      tenantId: user.tenantId,
      actor: user.userId,
      from: parsed.data.from,
      to: parsed.data.to,
      queue: (payload) => enqueueBacktest(getQueues(), payload),
    });
    if (asked.ok) id = asked.backtest.id;
    else refused = asked.status === 400 ? "range" : "nodata";
  } catch (err) {
    if (!(err instanceof ConflictError)) throw err;
    refused = "active";
  }
  // redirect() throws, so it stays outside the try above.
  if (refused) back(refused);
  redirect(`/backtest/${id}`);
}
