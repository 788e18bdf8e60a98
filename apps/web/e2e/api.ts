import { z } from "zod";

export const ZStatus = z.object({
  id: z.string(),
  status: z.enum(["queued", "processing", "done", "failed"]),
  progress: z.number(),
  error: z.string().nullable(),
});

export async function apiGet(baseUrl: string, path: string, key?: string): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
}

/** Polls the status API until the job chain ends; returns the last status. */
export async function waitForUpload(
  baseUrl: string,
  id: string,
  key: string,
  timeoutMs = 150_000,
): Promise<z.infer<typeof ZStatus>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await apiGet(baseUrl, `/api/v1/uploads/${id}`, key);
    const status = ZStatus.parse(await res.json());
    if (status.status === "done" || status.status === "failed" || Date.now() > deadline) return status;
    await new Promise((r) => setTimeout(r, 500));
  }
}
