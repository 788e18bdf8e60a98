import { asnDataDir, loadAsnTable, type TAsnTable } from "@mlsec/core/asn";
import { countryDataDir, loadCountryTable, type TCountryTable } from "@mlsec/core/geo";
import { packageDataDir } from "./package-data-dir.ts";

// The AS table takes a second or two to load and ~100 MB: once per worker process, on first use.
let table: Promise<TAsnTable> | undefined;
export const sharedAsnTable = (): Promise<TAsnTable> =>
  (table ??= loadAsnTable({ dir: packageDataDir("@ip-location-db/asn", asnDataDir) }));

let countries: Promise<TCountryTable> | undefined;
/** The registration-country table (~3 MB), once per process like the AS table. */
export const sharedCountryTable = (): Promise<TCountryTable> =>
  (countries ??= loadCountryTable({ dir: packageDataDir("@ip-location-db/asn-country", countryDataDir) }));
