// Prisma's CLI here runs its JavaScript (WebAssembly) schema engine through the pg adapter,
// because the native engines cannot be downloaded on machines without a route to Prisma's
// binaries host (see CONTRIBUTING.md, "Prisma offline").
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { loadDbEnv } from "./packages/config/src/db-env.ts";

// schema.prisma names env("DATABASE_URL"); give it the validated default when the shell has none.
const { DATABASE_URL } = loadDbEnv();
// eslint-disable-next-line no-restricted-properties -- hands the validated value to Prisma's own loader
process.env.DATABASE_URL = DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  adapter: () => Promise.resolve(new PrismaPg({ connectionString: DATABASE_URL })),
});
