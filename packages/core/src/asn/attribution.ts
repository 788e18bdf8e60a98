/**
 * Notice the product must show wherever AS data is displayed or used (CC BY 4.0 requires
 * attribution; DB-IP additionally asks web pages for a link back to db-ip.com).
 */
export const ASN_DATA_PACKAGE = "@ip-location-db/asn@2.3.2026061719";

export const ASN_ATTRIBUTION =
  "IP to AS data: @ip-location-db/asn (https://github.com/sapics/ip-location-db), built from " +
  "RouteViews (https://www.routeviews.org/), the five RIRs' delegation statistics via the NRO " +
  "(https://www.nro.net/) and the DB-IP IP to ASN Lite database (https://db-ip.com), all licensed " +
  "under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). IP Geolocation by DB-IP.";

/** HTML form for web pages, with the link back DB-IP requires. */
export const ASN_ATTRIBUTION_HTML =
  'IP to AS data from <a href="https://www.routeviews.org/">RouteViews</a>, the RIRs via ' +
  '<a href="https://www.nro.net/">NRO</a> and <a href="https://db-ip.com">IP Geolocation by DB-IP</a>, ' +
  'licensed <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a> ' +
  '(<a href="https://github.com/sapics/ip-location-db">ip-location-db</a>).';
