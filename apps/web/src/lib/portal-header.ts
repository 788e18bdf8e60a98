/**
 * The header the portal's own XHR/fetch calls send with cookie-authenticated writes. A cross-site
 * form cannot set a custom header, and a cross-site script would need a CORS preflight that this
 * app never grants, so its presence proves the request came from our pages (CSRF defence).
 */
export const PORTAL_REQUEST_HEADER = "x-mlsec-portal";
