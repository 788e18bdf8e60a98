import { z } from "zod";
import { readEnv } from "./read-env.ts";

const DEV_SECRET = "mlsec-local-development-secret-change-me";

export const ZWebEnv = z
  .object({
    NEXTAUTH_URL: z.string().url().default("http://127.0.0.1:3000"),
    /** Signs session tokens. The default is for a laptop only; production must set its own. */
    NEXTAUTH_SECRET: z.string().min(16).default(DEV_SECRET),
    /** Largest upload accepted, in bytes (default 10 GiB). */
    MAX_UPLOAD_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(10 * 1024 ** 3),
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  })
  // Production must sign sessions with its own secret: the default is public in this repository.
  .refine((e) => e.NODE_ENV !== "production" || e.NEXTAUTH_SECRET !== DEV_SECRET, {
    message: "set NEXTAUTH_SECRET: the built-in development secret is refused when NODE_ENV=production",
    path: ["NEXTAUTH_SECRET"],
  });
export type TWebEnv = z.infer<typeof ZWebEnv>;
export const loadWebEnv = (source?: NodeJS.ProcessEnv): TWebEnv => readEnv(ZWebEnv, source);
