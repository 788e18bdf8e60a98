import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";

const SCHEMAS = join(import.meta.dirname, "..", "fixtures", "stix2.1-schemas");

/**
 * A validator for STIX 2.1 bundles against the OASIS JSON schemas (draft 2020-12) in the fixtures.
 * Formats (uri, email) are not checked: ajv needs a plugin for them and exports use neither. The
 * schemas write `\\-` in patterns, which only non-unicode regular expressions accept.
 */
export function stixBundleValidator() {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true, unicodeRegExp: false });
  for (const dir of ["common", "sdos", "sros", "observables"]) {
    for (const file of readdirSync(join(SCHEMAS, dir)).filter((f) => f.endsWith(".json")))
      ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, dir, file), "utf8")) as object);
  }
  const validate = ajv.getSchema(
    "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/common/bundle.json",
  );
  if (!validate) throw new Error("bundle schema missing");
  return (bundle: unknown): string[] =>
    validate(bundle) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}
