import { loadAsnTable, type TAsnTable } from "@mlsec/core/asn/index";
import { loadCountryTable, type TCountryTable } from "@mlsec/core/geo/index";

// The AS table takes a second or two to load and ~100 MB: once per worker process, on first use.
let table: Promise<TAsnTable> | undefined;
export const sharedAsnTable = (): Promise<TAsnTable> => (table ??= loadAsnTable());

let countries: Promise<TCountryTable> | undefined;
/** The registration-country table (~3 MB), once per process like the AS table. */
export const sharedCountryTable = (): Promise<TCountryTable> => (countries ??= loadCountryTable());
