import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEV_SECRETS_KEY_ID, loadSecretsEnv } from "./secrets-env.ts";

const key = () => randomBytes(32).toString("base64");

describe("secrets env", () => {
  it("defaults to the development key outside production, and refuses it in production", () => {
    expect(loadSecretsEnv({}).SECRETS_ENCRYPTION_KEYS.map((k) => k.id)).toEqual([DEV_SECRETS_KEY_ID]);
    expect(loadSecretsEnv({ NODE_ENV: "test" }).SECRETS_ENCRYPTION_KEYS[0]?.key).toHaveLength(32);
    expect(() => loadSecretsEnv({ NODE_ENV: "production" })).toThrow(/built-in development key is refused/);
    expect(() =>
      loadSecretsEnv({
        NODE_ENV: "production",
        SECRETS_ENCRYPTION_KEYS: `k2:${key()},${DEV_SECRETS_KEY_ID}:${key()}`,
      }),
    ).toThrow(/development key is refused/);
  });

  it("reads a key ring, the first key first, and refuses short keys, bad ids and duplicates", () => {
    const a = key();
    const ring = loadSecretsEnv({ NODE_ENV: "production", SECRETS_ENCRYPTION_KEYS: `k2:${a}, k1:${key()}` });
    expect(ring.SECRETS_ENCRYPTION_KEYS.map((k) => k.id)).toEqual(["k2", "k1"]);
    expect(ring.SECRETS_ENCRYPTION_KEYS[0]?.key.toString("base64")).toBe(a);
    expect(() =>
      loadSecretsEnv({ SECRETS_ENCRYPTION_KEYS: `k1:${randomBytes(16).toString("base64")}` }),
    ).toThrow(/32 bytes/);
    expect(() => loadSecretsEnv({ SECRETS_ENCRYPTION_KEYS: `bad id:${key()}` })).toThrow(/id:base64/);
    expect(() => loadSecretsEnv({ SECRETS_ENCRYPTION_KEYS: key() })).toThrow(/id:base64/);
    expect(() => loadSecretsEnv({ SECRETS_ENCRYPTION_KEYS: `k1:${key()},k1:${key()}` })).toThrow(/distinct/);
    expect(() => loadSecretsEnv({ SECRETS_ENCRYPTION_KEYS: " , " })).toThrow(/at least one key/);
  });
});
