// One linter for the whole repo, with type-aware rules (typescript-eslint's type-checked sets).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

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
