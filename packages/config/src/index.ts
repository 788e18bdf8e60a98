export { readEnv } from "./read-env.ts";
export { ZDbEnv, loadDbEnv, type TDbEnv } from "./db-env.ts";
export { ZRedisEnv, loadRedisEnv, type TRedisEnv } from "./redis-env.ts";
export { ZS3Env, loadS3Env, type TS3Env } from "./s3-env.ts";
export { ZWebEnv, loadWebEnv, type TWebEnv } from "./web-env.ts";
export { ZWorkerEnv, loadWorkerEnv, type TWorkerEnv } from "./worker-env.ts";
export { ZNotifyEnv, loadNotifyEnv, type TNotifyEnv } from "./notify-env.ts";
export { ZCommunityEnv, loadCommunityEnv, type TCommunityEnv } from "./community-env.ts";
