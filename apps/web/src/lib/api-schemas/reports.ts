import { z } from "zod";
import { ZExportFormat } from "@mlsec/core/export";
import { ZBucket } from "@mlsec/core/report";

export const IP_SORTS = ["score", "events", "ip"] as const;
export const MAX_PAGE_SIZE = 500;

/** Query string of the flagged-IP table: 1-based page, sort column and order, optional filters. */
export const ZIpQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
  size: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).catch(50),
  sort: z.enum(IP_SORTS).catch("score"),
  order: z.enum(["asc", "desc"]).catch("desc"),
  bucket: z.enum(["block", "review", "allow"]).optional().catch(undefined),
  verdict: z.enum(["malicious", "benign"]).optional().catch(undefined),
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .catch(undefined)
    .transform((q) => q?.toLowerCase() || undefined),
});
export type TIpQuery = z.infer<typeof ZIpQuery>;
export type TIpSort = (typeof IP_SORTS)[number];

/**
 * The query string of the export endpoints (blocklist, a report's export), for the OpenAPI
 * document. parseExportQuery reads URLSearchParams itself, since `bucket` repeats and may be
 * comma-separated; this names the same enums so the two cannot drift apart on values.
 */
export const ZExportQuery = z.object({
  format: ZExportFormat.optional().meta({ description: "default: txt for the blocklist, csv for a report" }),
  min: z.number().min(0).max(1).optional().meta({
    description: "lowest score to include (default: the tenant's block threshold for the blocklist)",
  }),
  bucket: z.array(ZBucket).optional().meta({ description: "repeatable or comma-separated" }),
});
