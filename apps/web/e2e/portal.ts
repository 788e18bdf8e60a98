import type { Page } from "playwright-core";

export type TAccount = { organisation: string; email: string; password: string };

/** Signs up through the portal's form and waits for the dashboard. */
export async function signUp(page: Page, baseUrl: string, account: TAccount): Promise<void> {
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel("Organisation name").fill(account.organisation);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await Promise.all([
    page.waitForURL(`${baseUrl}/`),
    page.getByRole("button", { name: "Create organisation" }).click(),
  ]);
  await page.getByRole("heading", { name: "Uploads" }).waitFor();
}

/** Signs in through the portal's form and waits for the dashboard. */
export async function signIn(page: Page, baseUrl: string, account: TAccount): Promise<void> {
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await Promise.all([page.waitForURL(`${baseUrl}/`), page.getByRole("button", { name: "Sign in" }).click()]);
  await page.getByRole("heading", { name: "Uploads" }).waitFor();
}

/** The numeric cells of the report's IP table, keyed by address. */
export async function readIpTable(
  page: Page,
): Promise<Map<string, { events: number; score: string; verdict: string; bucket: string }>> {
  const rows = await page.locator("[data-testid=ip-table] tbody tr").evaluateAll((trs) =>
    // The selection checkbox column (roles that may give verdicts) is not data.
    trs.map((tr) =>
      Array.from(tr.querySelectorAll("td:not(.select)"), (td) => (td.textContent ?? "").trim()),
    ),
  );
  const table = new Map<string, { events: number; score: string; verdict: string; bucket: string }>();
  for (const [ip = "", events = "", score = "", verdict = "", bucket = ""] of rows) {
    table.set(ip, { events: Number(events.replace(/,/g, "")), score, verdict, bucket });
  }
  return table;
}
