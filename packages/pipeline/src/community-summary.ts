import { z } from "zod";

const ZFeedQuality = z.object({
  name: z.string(),
  days: z.number(),
  size: z.number(),
  distinct: z.number(),
  meanAdded: z.number().nullable(),
  meanChurned: z.number().nullable(),
  aging: z.object({
    mean: z.number(),
    median: z.number(),
    histogram: z.array(z.object({ label: z.string(), count: z.number() })),
  }),
  uniqueness: z.number(),
  series: z.array(z.object({ day: z.string(), size: z.number(), added: z.number(), churned: z.number() })),
});

/**
 * CommunityRun.summary: written by the community job, read by the portal's community page. A
 * schema rather than a cast, because the row outlives the code: a summary stored by an older job
 * that no longer fits is shown as "no run yet" instead of breaking the page.
 */
export const ZCommunitySummary = z.object({
  asOf: z.string(),
  pool: z.object({ tenants: z.number(), feeds: z.number(), rows: z.number() }),
  view: z.object({
    ips: z.number(),
    nets: z.number(),
    as: z.number(),
    ipsHidden: z.number(),
    minContributors: z.number(),
    contributorCap: z.number(),
  }),
  top: z.array(
    z.object({ kind: z.enum(["ip", "net", "as"]), key: z.string(), rank: z.number(), reporters: z.number() }),
  ),
  feeds: z.object({ sources: z.array(ZFeedQuality), overlap: z.array(z.array(z.number())) }),
  imported: z.array(z.object({ id: z.string(), entries: z.number(), skippedCidrs: z.number() })),
});
export type TCommunitySummary = z.infer<typeof ZCommunitySummary>;
