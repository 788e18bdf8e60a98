import { z } from "zod";
import { readEnv } from "./read-env.ts";

export const ZOperatorEnv = z.object({
  /**
   * The operator page's default for a stuck active job: running longer than this many minutes
   * (well past any stage of a normal upload; the page's query can lower it for a look).
   */
  OPERATOR_STUCK_ACTIVE_MINUTES: z.coerce.number().min(0).max(10_080).default(30),
  /** ...and for a stuck waiting job: queued longer than this many minutes with nobody taking it. */
  OPERATOR_STUCK_WAITING_MINUTES: z.coerce.number().min(0).max(10_080).default(10),
});
export type TOperatorEnv = z.infer<typeof ZOperatorEnv>;
export const loadOperatorEnv = (source?: NodeJS.ProcessEnv): TOperatorEnv => readEnv(ZOperatorEnv, source);
