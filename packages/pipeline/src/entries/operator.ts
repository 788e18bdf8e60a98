// What the platform operator's page and routes of apps/web call: every tenant's failed and stuck
// jobs with retry and cancel, and the abuse seen across tenants. Each takes the operator checked
// for the request (packages/db TPlatformOperator).
export {
  operatorJobs,
  retryOperatorJob,
  cancelOperatorJob,
  CANCEL_REASON,
  type TOperatorJob,
} from "../operator-jobs.ts";
export { operatorAbuse } from "../operator-abuse.ts";
