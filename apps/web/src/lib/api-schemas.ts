/**
 * The request and response schemas of /api/v1, in one place: the routes validate with them, the
 * portal's forms send and parse with them, and the OpenAPI document (lib/openapi) is generated from
 * them. Server code imports this file; client components import the leaf files that do not reach
 * @mlsec/db (api-schemas/responses.ts, reports.ts, uploads.ts, settings.ts, lists.ts, community.ts,
 * crowdsec.ts, feeds.ts).
 */
export { ZAuditPageQuery, ZAuditQuery } from "./api-schemas/audit.ts";
export { ZCommunityPatch } from "./api-schemas/community.ts";
export { ZCrowdsecLookupQuery, ZCrowdsecStreamQuery } from "./api-schemas/crowdsec.ts";
export { FEED_MAX_ENTRIES, ZFeedCreate, type TFeedCreate } from "./api-schemas/feeds.ts";
export { ZCreateKey } from "./api-schemas/keys.ts";
export { ZIpEventsQuery, type TIpEventsQuery } from "./api-schemas/ip-events.ts";
export { ZListEntry } from "./api-schemas/lists.ts";
export { ZAccept, ZInvite, ZRoleChange } from "./api-schemas/members.ts";
export {
  IP_SORTS,
  MAX_PAGE_SIZE,
  ZExportQuery,
  ZIpQuery,
  type TIpQuery,
  type TIpSort,
} from "./api-schemas/reports.ts";
export {
  ZApiError,
  ZInvitationAccepted,
  ZInvitationCreated,
  ZKeyCreated,
  ZUploadAccepted,
  type TApiError,
} from "./api-schemas/responses.ts";
export {
  ZNotificationSettings,
  ZSettingsPatch,
  ZTriageSettings,
  type TSettingsPatch,
} from "./api-schemas/settings.ts";
export {
  LISTED_CSV_MAX,
  LISTED_FILTER_FIELDS,
  LISTED_PAGE_SIZE,
  ZListedFilter,
  ZListedQuery,
  ZSavedFilterCreate,
  type TListedFilterQuery,
  type TListedQuery,
  type TSavedFilterCreate,
} from "./api-schemas/listed.ts";
export {
  RETENTION_MAX_DAYS,
  RETENTION_MIN_DAYS,
  ZEraseTenant,
  ZRetentionSettings,
} from "./api-schemas/tenant.ts";
export { ZFilename, ZUploadParams, ZUploadQuery, type TUploadRouteContext } from "./api-schemas/uploads.ts";
// Its owner keeps it beside the feedback route; the document and the portal use it from here too.
export {
  ZEventFeedback,
  ZFeedback,
  ZFeedbackBody,
  ZVerdictDay,
  type TEventFeedback,
  type TFeedback,
} from "./feedback-schema.ts";
export {
  ZBacktestCreate,
  ZBacktestParams,
  ZBacktestResultQuery,
  type TBacktestCreate,
  type TBacktestRouteContext,
} from "./api-schemas/backtests.ts";
