import { randomUUID } from "node:crypto";
import { createTenantWithOwner } from "../src/index.ts";

/** A fresh tenant per test, so tests never share rows and can run in any order. */
export async function seedTenant(label = "t") {
  const id = randomUUID().slice(0, 8);
  return createTenantWithOwner({
    name: `${label}-${id}`,
    email: `${label}-${id}@example.test`,
    password: "correct horse battery",
    withApiKey: true,
  });
}
