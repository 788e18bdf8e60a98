import { z } from "zod";
import { ZExportFormat, type TExportFormat } from "@mlsec/core/export";
import { ZBucket } from "@mlsec/core/report";

/**
 * The query string of the export endpoints: `format` (default given by the route), `min` (0..1)
 * and `bucket` (block, review, allow; repeatable or comma-separated). Invalid values are errors in
 * words for a 400, not silently ignored.
 */
export function parseExportQuery(
  params: URLSearchParams,
  defaults: { format: TExportFormat },
):
  | { ok: true; format: TExportFormat; min: number | null; buckets: z.infer<typeof ZBucket>[] }
  | { ok: false; error: string } {
  const format = ZExportFormat.safeParse(params.get("format") ?? defaults.format);
  if (!format.success)
    return { ok: false, error: `format must be one of ${ZExportFormat.options.join(", ")}` };
  const minText = params.get("min");
  const min = minText === null || minText === "" ? null : Number(minText);
  if (min !== null && !(min >= 0 && min <= 1))
    return { ok: false, error: "min must be a number between 0 and 1" };
  const buckets = z.array(ZBucket).safeParse(
    params
      .getAll("bucket")
      .flatMap((b) => b.split(","))
      .filter((b) => b !== ""),
  );
  if (!buckets.success) return { ok: false, error: "bucket must be block, review or allow" };
  return { ok: true, format: format.data, min, buckets: buckets.data };
}
