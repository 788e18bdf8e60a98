import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// Issue #23: lint fails on an import behind a package's entries. Runs the repository's own ESLint
// config on text placed at a real file's path (so the typed rules find its tsconfig).
const root = fileURLToPath(new URL("../../../../", import.meta.url));
const eslint = new ESLint({ cwd: root });

async function importErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("the lint rule against deep imports", () => {
  it("fails an import of a file behind core's or pipeline's entries, and names the fix", async () => {
    const deep = await importErrors(
      'import { dayNumber } from "@mlsec/core/src/day/day-number.ts";\nexport const d = dayNumber;\n',
      "packages/pipeline/src/ingest-summary.ts",
    );
    expect(deep).toHaveLength(1);
    expect(deep[0]).toContain("rewrite-deep-imports");
    const pipelineDeep = await importErrors(
      'import { eraseTenant } from "@mlsec/pipeline/src/tenant-lifecycle.ts";\nexport const e = eraseTenant;\n',
      "apps/worker/src/log.ts",
    );
    expect(pipelineDeep).toHaveLength(1);
  }, 60_000);

  it("passes the entries, and refuses the pipeline index in the portal only", async () => {
    expect(
      await importErrors(
        'import { utcDay } from "@mlsec/core/day";\nexport const d = utcDay;\n',
        "packages/pipeline/src/ingest-summary.ts",
      ),
    ).toEqual([]);
    expect(
      await importErrors(
        'import { eraseTenant } from "@mlsec/pipeline";\nexport const e = eraseTenant;\n',
        "apps/worker/src/log.ts",
      ),
    ).toEqual([]);
    expect(
      await importErrors(
        'import { eraseTenant } from "@mlsec/pipeline";\nexport const e = eraseTenant;\n',
        "apps/web/src/lib/format.ts",
      ),
    ).toHaveLength(1);
  }, 60_000);
});
