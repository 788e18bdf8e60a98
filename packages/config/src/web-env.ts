import { z } from "zod";
import { readEnv } from "./read-env.ts";

export const ZWebEnv = z.object({
  NEXTAUTH_URL: z.string().url().default("http://127.0.0.1:3000"),
  /** Signs session tokens. The default is for a laptop only; production must set its own. */
  NEXTAUTH_SECRET: z.string().min(16).default("mlsec-local-development-secret-change-me"),
  /** Largest upload accepted, in bytes (default 10 GiB). */
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 ** 3),
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
});
export type TWebEnv = z.infer<typeof ZWebEnv>;
export const loadWebEnv = (source?: NodeJS.ProcessEnv): TWebEnv => readEnv(ZWebEnv, source);
