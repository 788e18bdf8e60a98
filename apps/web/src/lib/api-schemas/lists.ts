import { z } from "zod";
import { parseListValue } from "@mlsec/core/score";

/** POST /api/v1/lists: an allow/block entry, applied at scoring and export. */
export const ZListEntry = z.object({
  kind: z.enum(["allow", "block"]),
  value: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .refine((v) => parseListValue(v) !== null, "value must be an IP address, a CIDR or AS<number>"),
  reason: z.string().max(500).default(""),
  expiresAt: z.iso.datetime({ offset: true }).nullable().optional(),
});
