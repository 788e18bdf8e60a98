import { PrismaPg } from "@prisma/adapter-pg";
import { loadDbEnv } from "@mlsec/config";
import { PrismaClient } from "./generated/prisma/client.ts";
import { secretsKeyRing } from "./sealed-secrets.ts";

export type TDb = PrismaClient;

// One client per process: Next.js dev reloads modules, so keep it on globalThis to avoid
// opening a new connection pool on every hot reload.
const holder = globalThis as unknown as { __mlsecPrisma?: PrismaClient };

/** The process-wide Prisma client, on the pg driver adapter (no native query engine needed). */
export function getDb(): PrismaClient {
  // The database holds sealed secrets, so a process that opens it must hold their keys: reading the
  // key ring here makes the portal, the worker and the CLI refuse to run in production without
  // SECRETS_ENCRYPTION_KEYS (or with the development key) at their first query, not at the first
  // webhook, hours later.
  if (!holder.__mlsecPrisma) {
    secretsKeyRing();
    // Read once, when the client is made: getDb runs before every query.
    const env = loadDbEnv();
    holder.__mlsecPrisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_MAX }),
    });
  }
  return holder.__mlsecPrisma;
}

export async function closeDb(): Promise<void> {
  const db = holder.__mlsecPrisma;
  holder.__mlsecPrisma = undefined;
  await db?.$disconnect();
}
