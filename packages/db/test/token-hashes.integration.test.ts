import { createHash } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  closeDb,
  createApiKey,
  createFeed,
  createInvitation,
  getDb,
  peekInvitation,
  resolveApiKey,
  resolveFeedToken,
  rotateFeedToken,
} from "../src/index.ts";
import { seedTenant } from "./factories.ts";

afterAll(closeDb);

/** Every row of `table` whose id is given, as PostgreSQL stores it, all columns as one text. */
async function rawRow(table: "ApiKey" | "Feed" | "Invitation", id: string): Promise<string> {
  const rows = await getDb().$queryRawUnsafe<{ row: string }[]>(
    `SELECT row_to_json(t)::text AS row FROM "${table}" t WHERE id = $1`,
    id,
  );
  expect(rows).toHaveLength(1);
  return rows[0]?.row ?? "";
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
/** The token less the prefix shown in listings: what must never be stored. */
const secretPart = (token: string, shown: number) => token.slice(shown);

describe("bearer tokens are stored only as hashes", () => {
  it("API keys: the row holds the SHA-256 and the shown prefix, not the key, and the key still resolves", async () => {
    const t = await seedTenant("hash-key");
    const { id, key } = await createApiKey({ tenantId: t.tenantId, name: "ci", scopes: ["read"] });
    const raw = await rawRow("ApiKey", id);
    expect(raw).not.toContain(secretPart(key, 12));
    expect(raw).toContain(sha256(key));
    expect((await resolveApiKey(key))?.keyId).toBe(id);
  });

  it("feed tokens, also after rotation", async () => {
    const t = await seedTenant("hash-feed");
    const { feed, token } = await createFeed({
      tenantId: t.tenantId,
      createdBy: t.userId,
      settings: {
        name: "edl",
        format: "edl",
        minScore: null,
        buckets: [],
        includeCommunity: false,
        family: null,
        aggregate: false,
        maxEntries: 1000,
        pageSize: null,
      },
    });
    expect(await rawRow("Feed", feed.id)).not.toContain(secretPart(token, 14));
    const rotated = await rotateFeedToken({ tenantId: t.tenantId, id: feed.id });
    const raw = await rawRow("Feed", feed.id);
    expect(raw).not.toContain(secretPart(rotated, 14));
    expect(raw).toContain(sha256(rotated));
    expect((await resolveFeedToken(rotated))?.id).toBe(feed.id);
    expect(await resolveFeedToken(token)).toBeNull();
  });

  it("invitation tokens", async () => {
    const t = await seedTenant("hash-invite");
    const inv = await createInvitation({
      tenantId: t.tenantId,
      email: "new-analyst@example.test",
      role: "analyst",
    });
    const raw = await rawRow("Invitation", inv.id);
    expect(raw).not.toContain(secretPart(inv.token, 4));
    expect(raw).toContain(sha256(inv.token));
    expect(await peekInvitation(inv.token)).not.toBeNull();
  });
});
