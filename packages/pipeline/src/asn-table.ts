import { loadAsnTable, type TAsnTable } from "@mlsec/core/asn/index";

// The AS table takes a second or two to load and ~100 MB: once per worker process, on first use.
let table: Promise<TAsnTable> | undefined;
export const sharedAsnTable = (): Promise<TAsnTable> => (table ??= loadAsnTable());
