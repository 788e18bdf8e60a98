// Bundles the CLI into apps/cli/dist/ so `mlsec` starts without compiling TypeScript (tsx costs
// ~0.5 s and ~50 MB per start). Run by the root `postinstall`; bin/mlsec.js uses the bundle only
// while it is newer than every source it was built from (dist/inputs.json) and falls back to tsx
// otherwise, so an edited source is never shadowed by a stale bundle.
//
// - Subcommands stay lazy: main.ts imports them dynamically and esbuild splitting puts each in
//   its own chunk, so `mlsec ingest` never loads Prisma or the SVM.
// - Workspace packages (@mlsec/*, TypeScript sources) and the small pure-JS libraries on the
//   ingest/rank path are bundled (resolving and compiling them separately cost ~0.1 s per start);
//   every other package stays external and loads from node_modules as usual (Prisma and its
//   engine, pg, bcryptjs, libsvm-js and its worker, the AS database...).
// - `import.meta.url` in a bundled file would name the chunk in dist/, not the source file, and
//   break paths resolved from it (the SVM worker file, shipped data, Prisma's generated client),
//   so it is rewritten to the source file's own URL, relative to the chunk.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const outdir = join(here, "dist");

const toPosix = (p) => p.split(sep).join("/");

const BUNDLED = new Set(["zod", "ip-num"]);

/** @type {import("esbuild").Plugin} */
const externalPackages = {
  name: "external-packages",
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = args.path.startsWith("@") ? args.path.split("/", 2).join("/") : args.path.split("/")[0];
      return name.startsWith("@mlsec/") || BUNDLED.has(name)
        ? undefined
        : { path: args.path, external: true };
    });
  },
};

/** @type {import("esbuild").Plugin} */
const sourceUrls = {
  name: "source-urls",
  setup(build) {
    build.onLoad({ filter: /\.(ts|mts|js|mjs)$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const text = readFileSync(args.path, "utf8");
      if (!text.includes("import.meta.")) return undefined;
      // Every chunk is written directly into outdir, so one relative path fits all of them.
      const rel = JSON.stringify(toPosix(relative(outdir, args.path)));
      const url = `new URL(${rel}, import.meta.url).href`;
      const contents = text
        .replaceAll("import.meta.url", url)
        .replaceAll("import.meta.filename", `__mlsecFileURLToPath(${url})`)
        .replaceAll("import.meta.dirname", `__mlsecDirname(__mlsecFileURLToPath(${url}))`);
      const helpers = contents.includes("__mlsec")
        ? 'import { fileURLToPath as __mlsecFileURLToPath } from "node:url";\nimport { dirname as __mlsecDirname } from "node:path";\n'
        : "";
      const loader = args.path.endsWith("ts") ? "ts" : "js";
      return { contents: helpers + contents, loader, resolveDir: dirname(args.path) };
    });
  },
};

async function build() {
  const esbuild = await import("esbuild");
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: { mlsec: join(here, "src", "main.ts") },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    outExtension: { ".js": ".mjs" },
    chunkNames: "[name]-[hash]",
    sourcemap: "linked",
    // MLSEC_NO_MINIFY=1 keeps function names, for reading a --cpu-prof profile.
    minify: process.env.MLSEC_NO_MINIFY !== "1",
    metafile: true,
    logLevel: "warning",
    plugins: [externalPackages, sourceUrls],
  });
  // The sources the bundle was built from, for the bin's staleness check.
  const inputs = Object.keys(result.metafile.inputs)
    .map((p) => toPosix(relative(root, join(process.cwd(), p))))
    .filter((p) => !p.startsWith("node_modules/"))
    .sort();
  writeFileSync(join(outdir, "inputs.json"), `${JSON.stringify(inputs)}\n`);
}

try {
  await build();
} catch (err) {
  // Not fatal for `npm ci`: the bin falls back to compiling the sources with tsx.
  rmSync(outdir, { recursive: true, force: true });
  process.stderr.write(
    `apps/cli/build.mjs: bundling failed, mlsec will run from sources via tsx:\n${err instanceof Error ? err.message : String(err)}\n`,
  );
}
