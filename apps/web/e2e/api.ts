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

/**
 * One credentials sign-in over HTTP, as next-auth's signIn() posts it (CSRF token and cookie first);
 * `headers` adds to the post (a forwarded address, say).
 */
export async function signInOverHttp(
  baseUrl: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, ...headers },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: baseUrl, json: "true" }),
  });
}
