import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { buildCountryTableFromCsv, type TCountryTable } from "./country-table.ts";

export const COUNTRY_V4_FILE = "asn-country-ipv4-num.csv";
export const COUNTRY_V6_FILE = "asn-country-ipv6.csv";

/** Directory of the installed @ip-location-db/asn-country package (no exports map: package.json resolves). */
export function countryDataDir(): string {
  return dirname(createRequire(import.meta.url).resolve("@ip-location-db/asn-country/package.json"));
}

/** Builds the table from the npm package's CSVs, or from `dir` holding files of the same names. */
export async function loadCountryTable(opts: { dir?: string } = {}): Promise<TCountryTable> {
  const dir = opts.dir ?? countryDataDir();
  const [v4, v6] = await Promise.all([
    readFile(join(dir, COUNTRY_V4_FILE), "utf8"),
    readFile(join(dir, COUNTRY_V6_FILE), "utf8"),
  ]);
  return buildCountryTableFromCsv(v4, v6);
}

export function loadCountryTableSync(opts: { dir?: string } = {}): TCountryTable {
  const dir = opts.dir ?? countryDataDir();
  return buildCountryTableFromCsv(
    readFileSync(join(dir, COUNTRY_V4_FILE), "utf8"),
    readFileSync(join(dir, COUNTRY_V6_FILE), "utf8"),
  );
}
