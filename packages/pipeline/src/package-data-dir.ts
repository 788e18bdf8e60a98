import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Directory of an installed data package. The core loaders resolve it with
 * `createRequire(import.meta.url).resolve`, which the portal's bundler (Turbopack) rewrites into a
 * module id, so a non-string answer (or a throw) falls back to looking for `node_modules/<pkg>`
 * from the working directory upwards, as Node itself would from the app.
 */
export function packageDataDir(pkg: string, resolveDefault: () => unknown): string {
  try {
    const dir = resolveDefault();
    if (typeof dir === "string" && existsSync(join(dir, "package.json"))) return dir;
  } catch {
    // Bundled: fall through to the search below.
  }
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", pkg);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) throw new Error(`cannot find the installed package ${pkg}`);
  }
}
