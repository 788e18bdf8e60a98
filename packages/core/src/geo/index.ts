export { buildCountryTableFromCsv, lookupCountry, type TCountryTable } from "./country-table.ts";
export {
  COUNTRY_V4_FILE,
  COUNTRY_V6_FILE,
  countryDataDir,
  loadCountryTable,
  loadCountryTableSync,
} from "./load-country-table.ts";
export { GEO_ATTRIBUTION, GEO_ATTRIBUTION_HTML, GEO_DATA_PACKAGE } from "./attribution.ts";
export { ISO_COUNTRY_CODES, isIsoCountryCode } from "./iso-countries.ts";
