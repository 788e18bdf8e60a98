import { canonicalIp } from "@mlsec/core/ip-lists";
import { listVerdicts } from "@mlsec/db";
import { jsonError } from "@/lib/json-error.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { jsonOk } from "@/lib/json-ok.ts";

type TIpRouteContext = { params: Promise<{ ip: string }> };

/**
 * GET /api/v1/ips/:ip/verdicts: the IP's verdict history, newest first. `day` null: on the whole
 * address, else on that UTC day only (with the `cluster` judged); `event` set: given on that sampled
 * event (its upload, line and fields, and `text` in words), which labels its day. The latest
 * whole-address verdict and the latest per day train; on a day with both, the later one.
 */
export const GET = withPrincipal("read", async (_req, principal, ctx: TIpRouteContext) => {
  const { ip: raw } = await ctx.params;
  const ip = canonicalIp(safeDecode(raw));
  if (!ip) return jsonError(404, "not found");
  const rows = await listVerdicts({ tenantId: principal.tenantId, ip });
  return jsonOk({
    ip,
    verdicts: rows.map((v) => ({
      id: v.id,
      verdict: v.verdict,
      note: v.note,
      day: v.day,
      cluster: v.cluster,
      event: v.event,
      userId: v.userId,
      apiKeyId: v.apiKeyId,
      reportId: v.reportId,
      modelId: v.modelId,
      createdAt: v.createdAt,
    })),
  });
});

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
