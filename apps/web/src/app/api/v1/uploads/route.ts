import { z } from "zod";
import { ZUploadQuery } from "@/lib/api-schemas.ts";
import { jsonError } from "@/lib/json-error.ts";
import { meterBody } from "@/lib/meter-body.ts";
import { countUploadBytes, limitUpload } from "@/lib/rate-limits.ts";
import { storeUpload } from "@/lib/store-upload.ts";
import { getWebEnv } from "@/lib/web-env.ts";
import { withPrincipal } from "@/lib/with-principal.ts";
import { jsonOk } from "@/lib/json-ok.ts";

/** POST /api/v1/uploads?filename=NAME with the raw log (plain or gzip) as the body; streamed to S3, never buffered. */
export const POST = withPrincipal(
  "upload",
  async (req, principal) => {
    const query = ZUploadQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!query.success)
      return jsonError(400, "invalid query", { issues: z.flattenError(query.error).fieldErrors });
    const maxBytes = getWebEnv().MAX_UPLOAD_BYTES;
    if (Number(req.headers.get("content-length") ?? 0) > maxBytes) {
      return jsonError(413, `upload larger than the limit of ${maxBytes} bytes`);
    }
    const limited = await limitUpload(principal, Number(req.headers.get("content-length") ?? 0));
    if (limited) return limited;
    const metered = req.body ? await meterBody(req.body, maxBytes) : null;
    if (!metered) return jsonError(400, "empty body: send the log file as the request body");
    const result = await storeUpload({
      tenantId: principal.tenantId,
      filename: query.data.filename,
      ...metered,
    });
    // What reached storage counts against the day's bytes, whether or not it was declared up front.
    await countUploadBytes(principal.tenantId, metered.meter.bytes);
    if (!result.ok) return jsonError(result.httpStatus, result.error, { id: result.id, status: "failed" });
    return jsonOk(
      { id: result.id, status: result.status },
      { status: 202, headers: { Location: `/api/v1/uploads/${result.id}` } },
    );
  },
  { body: "stream" },
);
