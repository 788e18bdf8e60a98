import { loadWebEnv, type TWebEnv } from "@mlsec/config";

let cached: TWebEnv | undefined;

/** The web app's validated configuration, read once per process. */
export function getWebEnv(): TWebEnv {
  cached ??= loadWebEnv();
  return cached;
}
