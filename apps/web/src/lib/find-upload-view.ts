import { getUpload, NotFoundError, toUploadView, type TUploadView } from "@mlsec/db";
import { ZUploadParams } from "./api-schemas.ts";

/** One of the tenant's uploads for a page, or null for a malformed, unknown or other tenant's id (the page answers 404). */
export async function findUploadView(tenantId: string, rawId: string): Promise<TUploadView | null> {
  const params = ZUploadParams.safeParse({ id: rawId });
  if (!params.success) return null;
  try {
    return toUploadView(await getUpload({ tenantId, id: params.data.id }));
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}
