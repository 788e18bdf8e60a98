import { z } from "zod";
import { readEnv } from "./read-env.ts";

export const ZDbEnv = z.object({
  DATABASE_URL: z.string().url().default("postgresql://postgres@127.0.0.1:5432/test"),
});
export type TDbEnv = z.infer<typeof ZDbEnv>;
export const loadDbEnv = (source?: NodeJS.ProcessEnv): TDbEnv => readEnv(ZDbEnv, source);
