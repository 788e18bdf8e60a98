import { z } from "zod";
import { readEnv } from "./read-env.ts";

export const ZNotifyEnv = z.object({
  /** Where people open the portal: links in notifications point here. */
  PORTAL_URL: z.string().url().default("http://127.0.0.1:3000"),
  /** SMTP server for report-ready emails, e.g. smtp://user:pass@mail.example:587; unset = no email. */
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().min(3).default("mlsec <noreply@mlsec.invalid>"),
});
export type TNotifyEnv = z.infer<typeof ZNotifyEnv>;
export const loadNotifyEnv = (source?: NodeJS.ProcessEnv): TNotifyEnv => readEnv(ZNotifyEnv, source);
