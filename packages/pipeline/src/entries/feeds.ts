// What a feed pull needs (list formats, CrowdSec, MISP, TAXII), for the feed routes of apps/web.
// Like every entry but the package index, it leaves out the stages, whose ingest kernel must not
// reach the Next bundle (it broke next build: 738cdc1).
export { feedBody, isListFormat, LIST_FORMATS, type TFeedBody, type TListFormat } from "../feed-body.ts";
export { crowdsecLookupBody, crowdsecStreamBody } from "../crowdsec-pull.ts";
export { openMispFeed } from "../misp-feed.ts";
export { taxiiObjectsPage, type TTaxiiObjectsPage } from "../taxii-objects.ts";
