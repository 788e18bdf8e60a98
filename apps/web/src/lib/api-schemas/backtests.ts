import { z } from "zod";
import { dayNumber } from "@mlsec/core/day";
import { MAX_BACKTEST_DAYS } from "@mlsec/pipeline/backtest";

/**
 * POST /api/v1/backtests and the portal's "Run backtest" form: the first and last test day, each
 * optional (none: the last week with data). The server still checks the range against the data.
 */
export const ZBacktestCreate = z
  .strictObject({
    from: z.iso.date().optional().meta({ description: "first test day, YYYY-MM-DD" }),
    to: z.iso.date().optional().meta({ description: "last test day, YYYY-MM-DD" }),
  })
  .refine((b) => !b.from || !b.to || b.from <= b.to, { message: "to must not be before from", path: ["to"] })
  .refine((b) => !b.from || !b.to || dayNumber(b.to) - dayNumber(b.from) < MAX_BACKTEST_DAYS, {
    message: `a run covers at most ${MAX_BACKTEST_DAYS} days`,
    path: ["to"],
  });
export type TBacktestCreate = z.infer<typeof ZBacktestCreate>;

export const ZBacktestParams = z.object({ id: z.string().regex(/^[a-z0-9]{20,40}$/) });
export type TBacktestRouteContext = { params: Promise<{ id: string }> };

/** GET /api/v1/backtests/:id/result: the stored result JSON (default) or the rendered HTML page. */
export const ZBacktestResultQuery = z.object({
  format: z.enum(["json", "html"]).default("json"),
});
