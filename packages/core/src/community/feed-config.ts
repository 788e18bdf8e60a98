import { z } from "zod";

/** One public feed the community job imports (packages/pipeline/data/community-feeds/feeds.json). */
export const ZFeedConfig = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  format: z.enum(["ipsum", "list"]),
  /** File name inside the feeds directory. */
  file: z.string().min(1),
  /** IPsum only: the least number of lists naming an address. */
  minLists: z.number().int().min(1).optional(),
  /** A listing weighs this much of one tenant sighting. */
  weight: z.number().positive().max(1),
  licence: z.string().min(1),
  source: z.string().min(1),
});
export type TFeedConfig = z.infer<typeof ZFeedConfig>;
export const ZFeedConfigs = z.array(ZFeedConfig);
