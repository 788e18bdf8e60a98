/**
 * Notice the product must show wherever country data is displayed or used: the country of an
 * address is the registration country of its allocation (not where the host sits), published by
 * the NRO under CC BY 4.0, which requires attribution.
 */
export const GEO_DATA_PACKAGE = "@ip-location-db/asn-country@2.3.2026061719";

export const GEO_ATTRIBUTION =
  "IP to country data: @ip-location-db/asn-country (https://github.com/sapics/ip-location-db), " +
  "built from the five RIRs' delegation statistics published by the NRO (https://www.nro.net/), " +
  "licensed under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).";

/** HTML form for web pages. */
export const GEO_ATTRIBUTION_HTML =
  'IP to country data from the RIRs via <a href="https://www.nro.net/">NRO</a>, licensed ' +
  '<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a> ' +
  '(<a href="https://github.com/sapics/ip-location-db">ip-location-db</a>).';
