import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { AsnTableBuilder, type TAsnTable } from "./asn-table.ts";
import { addV4Csv, addV6Csv } from "./parse-asn-csv.ts";

export const ASN_V4_FILE = "asn-ipv4-num.csv";
export const ASN_V6_FILE = "asn-ipv6.csv";

/** Directory of the installed @ip-location-db/asn package (it ships no exports map, so package.json resolves). */
export function asnDataDir(): string {
  return dirname(createRequire(import.meta.url).resolve("@ip-location-db/asn/package.json"));
}

/** Builds the table from the npm package's CSVs, or from `dir` holding files of the same names. */
export async function loadAsnTable(opts: { dir?: string } = {}): Promise<TAsnTable> {
  const dir = opts.dir ?? asnDataDir();
  const [v4, v6] = await Promise.all([
    readFile(join(dir, ASN_V4_FILE), "utf8"),
    readFile(join(dir, ASN_V6_FILE), "utf8"),
  ]);
  return buildAsnTableFromCsv(v4, v6);
}

export function loadAsnTableSync(opts: { dir?: string } = {}): TAsnTable {
  const dir = opts.dir ?? asnDataDir();
  return buildAsnTableFromCsv(
    readFileSync(join(dir, ASN_V4_FILE), "utf8"),
    readFileSync(join(dir, ASN_V6_FILE), "utf8"),
  );
}

/** Table from CSV text in the package's formats (v4: numeric bounds, v6: text bounds). */
export function buildAsnTableFromCsv(v4Csv: string, v6Csv: string): TAsnTable {
  const builder = new AsnTableBuilder();
  addV4Csv(builder, v4Csv);
  addV6Csv(builder, v6Csv);
  return builder.build();
}
