import { expect } from "vitest";
import { createTenantWithOwner } from "@mlsec/db";
import { apiGet, waitForUpload } from "./api.ts";
import { uniqueEmail } from "./fixture.ts";
import type { TAccount } from "./portal.ts";

// The set-up most e2e files share: an organisation made straight through packages/db (sign-up has
// its own tests), an upload through the API that must reach `done`, and its report's rows.

export type TSeeded = { account: TAccount; tenantId: string; userId: string; key: string };

/** A fresh account: the email is unique per run, so reruns against one database never collide. */
export function newAccount(label: string, organisation = `E2E ${label} Org`): TAccount {
  return { organisation, email: uniqueEmail(label), password: `${label}-password-1` };
}

/** Creates the account's organisation with it as owner, and an owner API key. */
export async function seedOrganisation(account: TAccount): Promise<TSeeded> {
  const created = await createTenantWithOwner({
    name: account.organisation,
    email: account.email,
    password: account.password,
    withApiKey: true,
  });
  return { account, tenantId: created.tenantId, userId: created.userId, key: created.apiKey ?? "" };
}

/** Uploads a log with the key and waits for its job chain; the test fails unless it ends `done`. */
export async function uploadAndWait(
  baseUrl: string,
  key: string,
  body: NonNullable<RequestInit["body"]>,
  { filename = "ufw-sample.log", contentType }: { filename?: string; contentType?: string } = {},
): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/uploads?filename=${encodeURIComponent(filename)}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, ...(contentType ? { "Content-Type": contentType } : {}) },
    body,
  });
  expect(res.status).toBe(202);
  const id = String(((await res.json()) as { id: unknown }).id);
  const final = await waitForUpload(baseUrl, id, key);
  expect(final.error).toBeNull();
  expect(final.status).toBe("done");
  return id;
}

/** The report's per-address rows, typed by what the test reads. */
export async function reportRows<TRow>(baseUrl: string, uploadId: string, key: string): Promise<TRow[]> {
  const res = await apiGet(baseUrl, `/api/v1/uploads/${uploadId}/report`, key);
  expect(res.status).toBe(200);
  return ((await res.json()) as { ips: TRow[] }).ips;
}
