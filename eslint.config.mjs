// One linter for the whole repo, with type-aware rules (typescript-eslint's type-checked sets).
import { readFileSync } from "node:fs";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Imports of core and pipeline go through the entries their package.json exports (#23): a file
 * path behind them (`@mlsec/core/rank/features`) fails. Read from the manifests, so a new entry
 * needs no edit here. `node infra/rewrite-deep-imports.mjs` rewrites offending imports.
 */
function entryPattern(pkg) {
  const { exports } = JSON.parse(
    readFileSync(new URL(`./packages/${pkg}/package.json`, import.meta.url), "utf8"),
  );
  const names = Object.keys(exports)
    .filter((k) => k !== "." && !k.includes("*"))
    .map((k) => k.slice(2));
  return {
    regex: `^@mlsec/${pkg}/(?!(?:${names.join("|")})$|test/)`,
    message: `Import one of @mlsec/${pkg}'s entries (packages/${pkg}/package.json "exports"), not a file behind it; node infra/rewrite-deep-imports.mjs rewrites it.`,
  };
}
const ENTRY_PATTERNS = [entryPattern("core"), entryPattern("pipeline")];

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/.next/**",
      "**/dist/**",
      "**/generated/**",
      "**/next-env.d.ts",
      ".data/**",
      "bench/out/**",
      // AssemblyScript, not TypeScript: compiled by packages/core/build-kernel.mjs.
      "packages/core/assembly/**",
    ],
  },
  js.configs.recommended,
  // Type-aware rules for TypeScript; the few plain .mjs scripts get the JavaScript rules only.
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: ["**/*.ts", "**/*.tsx"] })),
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through @mlsec/config." },
      ],
    },
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: ENTRY_PATTERNS }] },
  },
  {
    // The pipeline index reaches the stages and their ingest kernel, which broke next build when a
    // route imported it (738cdc1): the portal uses the narrower entries.
    files: ["apps/web/src/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...ENTRY_PATTERNS,
            {
              regex: "^@mlsec/pipeline$",
              message:
                "apps/web imports @mlsec/pipeline/<entry> (feeds, export, ips, ...), never the index: it pulls the ingest kernel into the Next bundle.",
            },
          ],
        },
      ],
    },
  },
  {
    // The config package is the one place that reads the environment; infra scripts pass it on to children.
    files: [
      "packages/config/src/**",
      "infra/**",
      "apps/web/e2e/global-platform.ts",
      "apps/web/e2e/readme-dev-server.ts",
      "**/*.mjs",
      "**/*.js",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  {
    files: ["**/*.mjs", "**/*.js"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: {
        process: "readonly",
        console: "readonly",
        URL: "readonly",
        setTimeout: "readonly",
        Buffer: "readonly",
      },
    },
  },
);
