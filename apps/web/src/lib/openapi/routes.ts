import {
  ZAccept,
  ZAuditQuery,
  ZBacktestCreate,
  ZBacktestParams,
  ZBacktestResultQuery,
  ZIpEventsQuery,
  ZCommunityPatch,
  ZCreateKey,
  ZEraseTenant,
  ZCrowdsecLookupQuery,
  ZCrowdsecStreamQuery,
  ZExportQuery,
  ZFeedbackBody,
  ZFeedCreate,
  ZInvitationAccepted,
  ZInvitationCreated,
  ZInvite,
  ZIpQuery,
  ZKeyCreated,
  ZListedQuery,
  ZListEntry,
  ZSavedFilterCreate,
  ZRoleChange,
  ZSettingsPatch,
  ZUploadAccepted,
  ZUploadParams,
  ZUploadQuery,
} from "../api-schemas.ts";
import { ZOperatorJobParams, ZOperatorJobsQuery } from "../api-schemas/operator.ts";
import { ZTaxiiPageQuery } from "../api-schemas/taxii.ts";
import { named, type TApiRoute } from "./route-table.ts";

// What the export routes can answer: exportResponse sets the type of the chosen `format`.
const EXPORT_MEDIA_TYPES = [
  "text/plain",
  "text/csv",
  "application/json",
  "application/stix+json;version=2.1",
];
const IP_PARAM = { ip: "IPv4 or IPv6 address; percent-encode the colons of an IPv6 address (%3A)" };
const ANY_JSON = (description: string) => ({ status: 200, description });
const TAXII_MEDIA_TYPES = ["application/taxii+json;version=2.1"];
const TAXII_ERRORS = {
  401: "missing, unknown, rotated or revoked feed token (a TAXII error message)",
  406: "the Accept header does not allow application/taxii+json;version=2.1",
};
const TAXII_PAGE_ERRORS = {
  ...TAXII_ERRORS,
  400: "added_after not an RFC 3339 UTC timestamp, limit not an integer >= 1, or a next this server did not give",
  404: "the token is another feed's (a token reads its own feed only)",
};
const FEED_ERRORS = {
  401: "missing, unknown, rotated or revoked feed token",
  404: "the token is another feed's (a token reads its own feed only)",
};

/**
 * Every operation of /api/v1, one entry each; the test in this folder fails until each route.ts
 * method has its entry here and each entry its route file. Descriptions follow the routes' doc
 * comments.
 */
export const API_ROUTES: readonly TApiRoute[] = [
  {
    method: "get",
    path: "/audit",
    summary: "The tenant's audit log, newest first",
    auth: { kind: "scope", scope: "manage" },
    query: ZAuditQuery,
    response: ANY_JSON('`{"events": [...]}`, newest first; page with `before` = the last event\'s createdAt'),
    errors: { 400: "invalid query" },
  },
  {
    method: "get",
    path: "/backtests",
    summary: "The tenant's day-forward backtest runs, newest first",
    auth: { kind: "scope", scope: "read" },
    response: ANY_JSON(
      '`{"backtests": [{"id", "status", "from", "to", "requestedBy", "createdAt", "startedAt", "finishedAt", "summary", "error"}]}`',
    ),
  },
  {
    method: "post",
    path: "/backtests",
    summary: "Queue a day-forward backtest run",
    description:
      "For every day D of [from, to] (at most 14 days; default the last 7 days with data) a model is " +
      "trained as of D on the days before it and scored on D's sources and a benign sample: AUC, " +
      "sensitivity, specificity, LR+, Brier score, reliability and hits at list sizes 100, 1k and 10k " +
      "against LWOL, GWOL, the decayed-presence heuristic and the feed.",
    auth: { kind: "scope", scope: "feedback" },
    body: { kind: "json", ...named("BacktestCreate", ZBacktestCreate) },
    response: { status: 202, description: "the queued run" },
    errors: { 409: "a run is already queued or running, or the range has no data" },
  },
  {
    method: "get",
    path: "/backtests/{id}",
    summary: "One backtest run, with its per-day metrics once done",
    auth: { kind: "scope", scope: "read" },
    params: ZBacktestParams,
    response: ANY_JSON(
      "the run and `result` (null until done): per day the training cut and the model's metrics, " +
        "pooled the hits at each list size of every ranker and the reliability bins",
    ),
  },
  {
    method: "get",
    path: "/backtests/{id}/result",
    summary: "A done run's stored result: the JSON (default) or its HTML page",
    auth: { kind: "scope", scope: "read" },
    params: ZBacktestParams,
    query: ZBacktestResultQuery,
    response: {
      status: 200,
      description: "the result as a download",
      mediaTypes: ["application/json", "text/html"],
    },
    errors: { 404: 'unknown run, or `{"error":"result not ready"}` before it is done' },
  },
  {
    method: "get",
    path: "/blocklist",
    summary: "The tenant's IPs from its done reports of the last 30 days",
    description:
      "The newest score per IP wins; IPs at or above `min` (default: the tenant's block threshold). " +
      "Default format txt, one address a line. Audited as an export.",
    auth: { kind: "scope", scope: "read" },
    query: ZExportQuery,
    response: {
      status: 200,
      description: "the blocklist in the chosen format",
      mediaTypes: EXPORT_MEDIA_TYPES,
    },
    errors: { 400: "a bad format, min or bucket" },
  },
  {
    method: "get",
    path: "/community",
    summary: "The tenant's consent, the public feeds and the latest community summary",
    auth: { kind: "scope", scope: "manage" },
    response: ANY_JSON("the community view"),
  },
  {
    method: "patch",
    path: "/community",
    summary: "Consent to the community pool, or withdraw it",
    description: "Withdrawing deletes every row the tenant gave at once. Audited.",
    auth: { kind: "scope", scope: "manage" },
    body: { kind: "json", ...named("CommunityPatch", ZCommunityPatch) },
    response: ANY_JSON("the community view after the change"),
  },
  {
    method: "get",
    path: "/dashboard",
    summary:
      "Tenant-wide activity of the last 30 days, what is listed now, the analyst queue, models and feeds",
    description:
      "Per day across every upload: events, sources, new sources, flagged (block-listed) sources and the " +
      "new ones among them; listed addresses per bucket; review-bucket addresses with no verdict; the top " +
      "listed addresses, /24s (IPv6 /48s) and ASes with events per day; model versions with their " +
      "cross-validated metrics; feeds with their last pulls. The portal's home page shows the same numbers.",
    auth: { kind: "scope", scope: "read" },
    response: ANY_JSON(
      "the dashboard: `days`, `totals`, `listed`, `pendingReview`, `topAddresses`, `topNetworks`, `topAses`, `models`, `feeds`",
    ),
  },
  {
    method: "get",
    path: "/listed",
    summary:
      "What the tenant lists now, filtered by bucket, address, CIDR, AS, country, score range, active day or pending verdict",
    description:
      "Highest scores first, 100 a page (`page`); `format=csv` answers the whole filtered view as CSV " +
      "(at most 100,000 rows; `X-Total-Count` says how many matched), cells defused against spreadsheet formulas.",
    auth: { kind: "scope", scope: "read" },
    query: ZListedQuery,
    response: {
      status: 200,
      description: '`{"total", "page", "pageSize", "rows": [...]}`, or the CSV',
      mediaTypes: ["application/json", "text/csv"],
    },
    errors: { 400: "invalid query (a bad address, CIDR, country code, bucket, score or day)" },
  },
  {
    method: "get",
    path: "/filters",
    summary: "The tenant's saved filters of the listed view, newest first",
    description:
      "Each with its validated `filter`, the `search` query string that opens it on /listed and " +
      "GET /api/v1/listed (null if it no longer validates), who saved it and when.",
    auth: { kind: "scope", scope: "read" },
    response: ANY_JSON('`{"filters": [{"id", "name", "filter", "search", "createdBy", "createdAt"}]}`'),
  },
  {
    method: "post",
    path: "/filters",
    summary: "Save a filter of the listed view under a name",
    description: "The filter takes the names GET /api/v1/listed reads; an unknown name is refused.",
    auth: { kind: "scope", scope: "feedback" },
    body: { kind: "json", ...named("SavedFilterCreate", ZSavedFilterCreate) },
    response: { status: 201, description: "the saved filter" },
    errors: { 409: "the tenant already has a filter of that name" },
  },
  {
    method: "delete",
    path: "/filters/{id}",
    summary: "Delete a saved filter",
    auth: { kind: "scope", scope: "feedback" },
    response: { status: 204, description: "deleted" },
  },
  {
    method: "post",
    path: "/feedback",
    summary: "Analyst verdicts on addresses, days or sampled events (one, or an array of up to 500)",
    description:
      "Stores each verdict with who gave it and the report and model it was given on, all or none. " +
      "`day` (YYYY-MM-DD) makes it a verdict on that day of the address. `uploadId` and `line` (an " +
      "EventFeedback, at most 50 per request) make it a verdict on that event of the upload's event sample " +
      "(GET /api/v1/ips/{ip}/events lists them): it is stored on the event's address and UTC day, with the " +
      "behaviour rule the event falls under that day (`cluster`: the first of the tenant's rules the " +
      "address matched that day that the event itself feeds, else null) and the event (`event`), and " +
      "relabels that address-day in the next training. A benign verdict on the whole " +
      "address allow-lists it for a while (`allowListed`); a later malicious one removes that entry. " +
      "Once the tenant's new verdicts reach its retrain threshold a retrain is queued.",
    auth: { kind: "scope", scope: "feedback" },
    body: { kind: "json", ...named("FeedbackBody", ZFeedbackBody) },
    response: {
      status: 201,
      description:
        "for one verdict the saved verdict with `retrainQueued`; for an array " +
        '`{"verdicts": [...], "retrainQueued", "newVerdictsSinceModel"}`',
    },
    errors: {
      400:
        "invalid feedback, not an IP address (`ips` lists them), or a line the upload's event sample " +
        "does not hold (`uploadId`, `line`)",
      404: "a report or upload of another tenant",
    },
  },
  {
    method: "get",
    path: "/feeds",
    summary: "The tenant's feeds with their settings, URLs and last pulls (revoked ones too)",
    auth: { kind: "scope", scope: "read" },
    response: ANY_JSON('`{"feeds": [...]}`; never a token'),
  },
  {
    method: "post",
    path: "/feeds",
    summary: "Create a feed: a named, filtered view of the tenant's decisions in one consumer's format",
    description:
      "With no filter a feed serves exactly what the blocklist serves. Scope feedback: the people who decide " +
      "what is blocked decide where it is enforced; the feed's token can only read its own feed.",
    auth: { kind: "scope", scope: "feedback" },
    body: { kind: "json", ...named("FeedCreate", ZFeedCreate) },
    response: { status: 201, description: "the feed with its `url` and `token` (shown this once)" },
  },
  {
    method: "get",
    path: "/feeds/{id}",
    summary: "One feed",
    auth: { kind: "scope", scope: "read" },
    response: ANY_JSON("the feed (never its token)"),
  },
  {
    method: "delete",
    path: "/feeds/{id}",
    summary: "Revoke a feed's token; its consumers get 401 from the next pull",
    auth: { kind: "scope", scope: "feedback" },
    response: { status: 204, description: "revoked" },
  },
  {
    method: "post",
    path: "/feeds/{id}/rotate",
    summary: "A new token for the feed, shown once; the old one stops at once",
    auth: { kind: "scope", scope: "feedback" },
    response: ANY_JSON("the feed with its new `token`"),
  },
  {
    method: "get",
    path: "/feeds/{id}/crowdsec/v1/decisions",
    summary: "CrowdSec Local API lookup (live-mode bouncers)",
    description:
      "The feed's decisions for the address, or inside the range; `null` when none. Streamed, gzip when accepted.",
    auth: { kind: "feed-token" },
    query: ZCrowdsecLookupQuery,
    response: ANY_JSON("an array of CrowdSec decisions, or null"),
    errors: { 400: "ip is not an address, or range is not a CIDR", ...FEED_ERRORS },
  },
  {
    method: "get",
    path: "/feeds/{id}/crowdsec/v1/decisions/stream",
    summary: "CrowdSec Local API stream (what every bouncer polls)",
    description:
      "startup=true: every decision the feed serves; then only those new since this feed's last pull and " +
      "deletions of those it no longer serves. The bouncer's other parameters (scopes, origins, scenarios) " +
      "change nothing: a feed holds one origin. Streamed, gzip when accepted.",
    auth: { kind: "feed-token" },
    query: ZCrowdsecStreamQuery,
    response: ANY_JSON('`{"new": [...], "deleted": [...]}` in CrowdSec\'s decision format'),
    errors: FEED_ERRORS,
  },
  {
    method: "get",
    path: "/feeds/{id}/{format}",
    summary: "The feed as a list a firewall or IDS loads",
    description:
      "format: edl (PAN-OS, FortiGate, Check Point; `?page=N` when the feed has a pageSize), nftables (`nft -f`), " +
      "ipset (`ipset restore`), pf (`pfctl -T replace -f`), zeek (Intel framework), suricata and " +
      "suricata-categories (iprep), csv, json (JSON lines), stix (2.1 bundle). ETag; If-None-Match answers 304. " +
      "Streamed; gzip when accepted.",
    auth: { kind: "feed-token" },
    paramDescriptions: {
      format: "edl, nftables, ipset, pf, zeek, suricata, suricata-categories, csv, json or stix",
    },
    response: {
      status: 200,
      description: "the list",
      mediaTypes: ["text/plain", "text/csv", "application/x-ndjson", "application/stix+json;version=2.1"],
    },
    errors: {
      400: "page is not an integer >= 1",
      404: "unknown format, or not this token's feed",
      401: "missing, unknown or revoked feed token",
    },
  },
  {
    method: "get",
    path: "/feeds/{id}/misp/{file}",
    summary: "The feed as a MISP feed: manifest.json, hashes.csv, <event uuid>.json",
    description:
      "One event per as-of day with an ip-src attribute per address, tagged with its cluster and score.",
    auth: { kind: "feed-token" },
    paramDescriptions: { file: "manifest.json, hashes.csv or <event uuid>.json" },
    response: ANY_JSON("the manifest, the hashes (CSV) or one event"),
    errors: { 404: "no such event, or not this token's feed", 401: "missing, unknown or revoked feed token" },
  },
  {
    method: "get",
    path: "/invitations",
    summary: "Invitations not yet accepted nor expired",
    auth: { kind: "scope", scope: "manage" },
    response: ANY_JSON('`{"invitations": [...]}`'),
  },
  {
    method: "post",
    path: "/invitations",
    summary: "Invite an address to the organisation",
    description:
      "Only an owner invites an owner. The worker emails the accept link when SMTP is configured; the " +
      "answer also carries the one-time token and the accept path. Only the token's hash is kept.",
    auth: { kind: "scope", scope: "manage" },
    body: { kind: "json", ...named("Invitation", ZInvite) },
    response: {
      status: 201,
      description: "the invitation",
      json: named("InvitationCreated", ZInvitationCreated),
    },
    errors: { 409: "the address is already a member" },
  },
  {
    method: "delete",
    path: "/invitations/{id}",
    summary: "Withdraw a pending invitation; its link stops working",
    auth: { kind: "scope", scope: "manage" },
    response: { status: 204, description: "withdrawn" },
  },
  {
    method: "post",
    path: "/invitations/accept",
    summary: "Accept an invitation with its token",
    description:
      "A new address gets an account with the password. An address that already has an account must " +
      "prove it: signed in as it (the portal's session, with the x-mlsec-portal header) or its password.",
    auth: { kind: "public", why: "the invitation token in the body is the credential", session: "optional" },
    body: { kind: "json", ...named("InvitationAccept", ZAccept) },
    response: {
      status: 200,
      description: "the organisation joined",
      json: named("InvitationAccepted", ZInvitationAccepted),
    },
    errors: {
      401: "the address has an account: sign in as it or send its password",
      404: "invitation not found, used or expired",
      409: "already a member (the role is kept)",
    },
  },
  {
    method: "get",
    path: "/ips/{ip}",
    summary: "The tenant's view of one address",
    description:
      "Score, verdict, bucket, features and reasons, scored with the active model against the latest rank snapshot.",
    auth: { kind: "scope", scope: "read" },
    paramDescriptions: IP_PARAM,
    response: ANY_JSON("the address's view"),
    errors: { 404: "not an address, or nothing ranked yet" },
  },
  {
    method: "get",
    path: "/ips/{ip}/why",
    summary: "Why the address is (or is not) listed",
    description:
      "First and last seen, the behaviour clusters and their days, the report and model that scored it with its own, " +
      "neighbourhood and community contributions, blocklist status (and why not), matching list entries and every verdict.",
    auth: { kind: "scope", scope: "read" },
    paramDescriptions: IP_PARAM,
    response: ANY_JSON("the address's provenance"),
    errors: { 404: "not an address, or never seen by this tenant" },
  },
  {
    method: "get",
    path: "/ips/{ip}/events",
    summary: "The sampled events behind the address, per upload and day",
    description:
      "The first 5 events of each address-day (time, destination, port, protocol, action, line number) and `more`: " +
      "how many were not kept; from the tenant's 50 newest uploads. `uploadId` and `line` are an event's reference.",
    auth: { kind: "scope", scope: "read" },
    paramDescriptions: IP_PARAM,
    query: ZIpEventsQuery,
    response: ANY_JSON('`{"ip", "days": [{"uploadId", "filename", "day", "events": [...], "more"}]}`'),
    errors: {
      400: "invalid query (a bad day)",
      404: "not an address, or no sampled events in this tenant's uploads",
    },
  },
  {
    method: "get",
    path: "/ips/{ip}/verdicts",
    summary: "The address's verdict history, newest first",
    description:
      "`day` null: on the whole address; else on that UTC day only, with the `cluster` judged. `event` set: " +
      "given on that sampled event (upload id, line, file name, time, ports, protocol, action, and `text`).",
    auth: { kind: "scope", scope: "read" },
    paramDescriptions: IP_PARAM,
    response: ANY_JSON('`{"ip", "verdicts": [...]}`'),
    errors: { 404: "not an address" },
  },
  {
    method: "get",
    path: "/keys",
    summary: "The tenant's API keys (never the key itself)",
    auth: { kind: "scope", scope: "manage" },
    response: ANY_JSON('`{"keys": [...]}`: name, prefix, scopes, created, last used, revoked'),
  },
  {
    method: "post",
    path: "/keys",
    summary: "Create an API key",
    auth: { kind: "scope", scope: "manage" },
    body: { kind: "json", ...named("ApiKeyCreate", ZCreateKey) },
    response: {
      status: 201,
      description: "the key, in this answer only",
      json: named("ApiKeyCreated", ZKeyCreated),
    },
  },
  {
    method: "delete",
    path: "/keys/{id}",
    summary: "Revoke an API key at once (it answers 401 from then on)",
    auth: { kind: "scope", scope: "manage" },
    response: ANY_JSON("the revoked key"),
  },
  {
    method: "get",
    path: "/lists",
    summary: "Every allow/block entry, expired ones included (`active` says which apply)",
    auth: { kind: "scope", scope: "read" },
    response: ANY_JSON('`{"entries": [...]}`'),
  },
  {
    method: "post",
    path: "/lists",
    summary: "Add an allow/block entry (IP, CIDR or AS<number>)",
    description: "Applied at scoring and export from then on.",
    auth: { kind: "scope", scope: "feedback" },
    body: { kind: "json", ...named("ListEntry", ZListEntry) },
    response: { status: 201, description: "the entry" },
  },
  {
    method: "delete",
    path: "/lists/{id}",
    summary: "Remove an allow/block entry",
    auth: { kind: "scope", scope: "feedback" },
    response: { status: 204, description: "removed" },
  },
  {
    method: "get",
    path: "/operator/abuse",
    summary: "Failed sign-ins and rate-limit hits of every tenant in the last 24 hours",
    description:
      "Grouped by client address and by tenant, most first. The one cross-tenant read of audit rows.",
    auth: { kind: "operator" },
    response: ANY_JSON('`{"since": ISO, "byAddress": [...], "byTenant": [...]}`'),
  },
  {
    method: "get",
    path: "/operator/jobs",
    summary: "Every tenant's failed jobs and those running or waiting past the thresholds",
    description:
      "Each with its queue, id, stage, tenant (id and name), upload, attempts, state and failure reason. " +
      "Thresholds default to OPERATOR_STUCK_ACTIVE_MINUTES and OPERATOR_STUCK_WAITING_MINUTES.",
    auth: { kind: "operator" },
    query: ZOperatorJobsQuery,
    response: ANY_JSON('`{"jobs": [...]}`, failed ones first (newest first), then the longest stuck'),
    errors: { 400: "invalid query" },
  },
  {
    method: "post",
    path: "/operator/jobs/{queue}/{id}/retry",
    summary: "Run a failed job again, its attempts counted afresh",
    description:
      "An upload's stage queues its upload again. Audited in the job's tenant as operator:<email>. " +
      "A form post (the operator page) is answered with 303 to /operator instead of JSON.",
    auth: { kind: "operator" },
    params: ZOperatorJobParams,
    response: ANY_JSON('`{"queue", "id", "state": "waiting"}`'),
    errors: { 404: "no such queue or job", 409: "the job is not failed" },
  },
  {
    method: "post",
    path: "/operator/jobs/{queue}/{id}/cancel",
    summary: "Cancel a job: remove it when waiting or failed, fail it when running",
    description:
      'An upload\'s stage fails its upload with the reason "cancelled by the platform operator". Audited in ' +
      "the job's tenant as operator:<email>. A form post is answered with 303 to /operator instead of JSON.",
    auth: { kind: "operator" },
    params: ZOperatorJobParams,
    response: ANY_JSON('`{"queue", "id", "outcome": "removed" | "failed"}`'),
    errors: { 404: "no such queue or job", 409: "the job already completed" },
  },
  {
    method: "get",
    path: "/members",
    summary: "The organisation's members and roles",
    auth: { kind: "scope", scope: "manage" },
    response: ANY_JSON('`{"members": [...]}`'),
  },
  {
    method: "patch",
    path: "/members/{userId}",
    summary: "Change a member's role",
    description: "Only an owner may make or unmake an owner, and the last owner stays.",
    auth: { kind: "scope", scope: "manage" },
    body: { kind: "json", ...named("RoleChange", ZRoleChange) },
    response: ANY_JSON("the membership with `previousRole`"),
    errors: { 409: "the last owner stays" },
  },
  {
    method: "delete",
    path: "/members/{userId}",
    summary: "Remove a member from the organisation",
    description:
      "Their sessions lose access at once. Only an owner removes an owner, and the last owner stays.",
    auth: { kind: "scope", scope: "manage" },
    response: { status: 204, description: "removed" },
    errors: { 409: "the last owner stays" },
  },
  {
    method: "get",
    path: "/openapi.json",
    summary: "This document",
    auth: { kind: "public", why: "it describes the API and holds no tenant data" },
    response: ANY_JSON("the OpenAPI 3.1 document of /api/v1"),
  },
  {
    method: "get",
    path: "/settings",
    summary: "Triage thresholds, notification channels and behaviour rules",
    auth: { kind: "scope", scope: "manage" },
    response: ANY_JSON("the settings (the webhook secret is never shown)"),
  },
  {
    method: "patch",
    path: "/settings",
    summary: "Change triage thresholds, notifications, behaviour rules or retention",
    description:
      "Any of the four sections; `rules: null` goes back to the built-in rules, `retention: {days: null}` " +
      "keeps data forever (else 90..36500 days of rollups and raw files; the daily job deletes older ones). Audited.",
    auth: { kind: "scope", scope: "manage" },
    body: { kind: "json", ...named("SettingsPatch", ZSettingsPatch) },
    response: ANY_JSON("the settings after the change"),
    errors: { 400: "invalid settings, or a webhook without a secret to sign with" },
  },
  {
    method: "delete",
    path: "/tenant",
    summary: "Erase the organisation and all of its data",
    description:
      "Every row and S3 object of the tenant, and the accounts of members who belong to no other " +
      "organisation. The body must name the organisation exactly. Owners only; the session has no " +
      "membership afterwards.",
    auth: { kind: "scope", scope: "manage" },
    body: { kind: "json", ...named("EraseTenant", ZEraseTenant) },
    response: ANY_JSON("`{erased: true, rows, objects}`: what was deleted"),
    errors: {
      400: "the confirmation is not the organisation's exact name",
      403: "an admin (only an owner erases)",
    },
  },
  {
    method: "get",
    path: "/tenant/export",
    summary: "All of the organisation's data as JSON Lines",
    description:
      'One `{"table", "row"}` object a line: the tenant, its members\' accounts and every table it owns; no ' +
      "password, key or token hashes and no webhook secret. Streamed; audited as an export.",
    auth: { kind: "scope", scope: "export" },
    response: {
      status: 200,
      description: "the export (an attachment)",
      mediaTypes: ["application/x-ndjson"],
    },
  },
  {
    method: "get",
    path: "/taxii2",
    summary: "TAXII 2.1 discovery (a taxii feed's URL; with the trailing slash)",
    description:
      "TAXII clients authenticate with the feed token as the basic-auth password (any user) or as a bearer " +
      "token. Every TAXII URL ends with a slash; answers and errors are application/taxii+json;version=2.1.",
    auth: { kind: "feed-token" },
    response: {
      status: 200,
      description: "the discovery resource, naming the one API root",
      mediaTypes: TAXII_MEDIA_TYPES,
    },
    errors: TAXII_ERRORS,
  },
  {
    method: "get",
    path: "/taxii2/root",
    summary: "The TAXII API root",
    auth: { kind: "feed-token" },
    response: { status: 200, description: "the API root resource", mediaTypes: TAXII_MEDIA_TYPES },
    errors: TAXII_ERRORS,
  },
  {
    method: "get",
    path: "/taxii2/root/collections",
    summary: "The token's feed as the API root's one collection (read-only, STIX 2.1)",
    auth: { kind: "feed-token" },
    response: { status: 200, description: '`{"collections": [...]}`', mediaTypes: TAXII_MEDIA_TYPES },
    errors: TAXII_ERRORS,
  },
  {
    method: "get",
    path: "/taxii2/root/collections/{id}",
    summary: "The collection (the feed's id)",
    auth: { kind: "feed-token" },
    response: { status: 200, description: "the collection resource", mediaTypes: TAXII_MEDIA_TYPES },
    errors: { ...TAXII_ERRORS, 404: "the token is another feed's (a token reads its own feed only)" },
  },
  {
    method: "get",
    path: "/taxii2/root/collections/{id}/objects",
    summary: "One page of the collection's STIX 2.1 objects, oldest added first",
    description:
      "The tenant's identity (first page) and one indicator per address the feed serves (single addresses: " +
      "a collection is read in the order its objects were added, so the feed's aggregation does not apply). " +
      "Pass `next` until `more` is false; X-TAXII-Date-Added-First/-Last carry the page's first and last date added.",
    auth: { kind: "feed-token" },
    query: ZTaxiiPageQuery,
    response: {
      status: 200,
      description: "an envelope `{objects, more, next}`",
      mediaTypes: TAXII_MEDIA_TYPES,
    },
    errors: TAXII_PAGE_ERRORS,
  },
  {
    method: "get",
    path: "/taxii2/root/collections/{id}/manifest",
    summary: "The same pages as objects, as manifest records (id, date_added, version, media_type)",
    auth: { kind: "feed-token" },
    query: ZTaxiiPageQuery,
    response: {
      status: 200,
      description: "`{objects, more, next}` of manifest records",
      mediaTypes: TAXII_MEDIA_TYPES,
    },
    errors: TAXII_PAGE_ERRORS,
  },
  {
    method: "post",
    path: "/uploads",
    summary: "Upload a log (plain or gzip) as the raw request body",
    description: "Streamed to S3, never buffered, then queued for ingest; `Location` names the upload.",
    auth: { kind: "scope", scope: "upload" },
    query: ZUploadQuery,
    body: { kind: "octet-stream", description: "the log file's bytes, plain text or gzip" },
    response: {
      status: 202,
      description: "stored and queued",
      json: named("UploadAccepted", ZUploadAccepted),
    },
    errors: {
      400: "invalid filename, or an empty body",
      413: "larger than the upload limit (MAX_UPLOAD_BYTES)",
      500: "storing failed (`id` and status failed)",
    },
  },
  {
    method: "get",
    path: "/uploads/{id}",
    summary: "An upload's status, stage, progress and counts",
    auth: { kind: "scope", scope: "read" },
    params: ZUploadParams,
    response: ANY_JSON("the upload"),
  },
  {
    method: "get",
    path: "/uploads/{id}/report",
    summary: "The report JSON as the worker wrote it",
    auth: { kind: "scope", scope: "read" },
    params: ZUploadParams,
    response: ANY_JSON("the report"),
    errors: { 404: 'unknown upload, or `{"error":"report not ready","status"}` before the report exists' },
  },
  {
    method: "get",
    path: "/uploads/{id}/report/export",
    summary: "One report's IPs in an export format (default csv, every IP)",
    auth: { kind: "scope", scope: "read" },
    params: ZUploadParams,
    query: ZExportQuery,
    response: {
      status: 200,
      description: "the report's IPs in the chosen format",
      mediaTypes: EXPORT_MEDIA_TYPES,
    },
    errors: { 400: "a bad format, min or bucket", 404: "unknown upload, or no report yet" },
  },
  {
    method: "get",
    path: "/uploads/{id}/report/ips",
    summary: "One page of the report's scored IPs, filtered and sorted on the server",
    description: "Bad parameters fall back to their defaults.",
    auth: { kind: "scope", scope: "read" },
    params: ZUploadParams,
    query: ZIpQuery,
    response: ANY_JSON('`{"total", "page", "size", "pages", "rows": [...]}`'),
    errors: { 404: 'unknown upload, or `{"error":"report not ready","status"}`' },
  },
];
