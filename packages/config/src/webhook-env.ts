import { isIP } from "node:net";
import { z } from "zod";
import { readEnv } from "./read-env.ts";

/** One CIDR, "10.0.0.0/8" or "fd00::/8"; a bare address is its own /32 or /128. */
const ZCidr = z
  .string()
  .trim()
  .refine((s) => {
    const [net = "", bits, ...rest] = s.split("/");
    const family = isIP(net);
    if (family === 0 || rest.length > 0) return false;
    if (bits === undefined) return true;
    const n = Number(bits);
    return /^\d{1,3}$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
  }, "expected a CIDR such as 10.0.0.0/8 or fd00::/8");

export const ZWebhookEnv = z.object({
  /**
   * Operator escape hatch for on-prem receivers: webhook destinations inside these CIDRs (comma
   * separated, e.g. "10.20.0.0/16,127.0.0.0/8") are allowed although they are private, loopback or
   * link-local. Empty (the default) refuses every such address, which is what keeps a tenant from
   * aiming the worker at our own Redis, PostgreSQL or the cloud metadata service.
   */
  WEBHOOK_ALLOW_CIDRS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((c) => c.trim())
        .filter((c) => c.length > 0),
    )
    .pipe(z.array(ZCidr)),
});
export type TWebhookEnv = z.infer<typeof ZWebhookEnv>;
export const loadWebhookEnv = (source?: NodeJS.ProcessEnv): TWebhookEnv => readEnv(ZWebhookEnv, source);
