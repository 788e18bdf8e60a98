// The community pool's stored summary, for the community page of apps/web.
export { type TCommunitySummary, ZCommunitySummary } from "../community-summary.ts";
