import type { inject } from "vitest";

// What global-platform.ts hands to the tests through vitest's provide/inject.
declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    workerRunning: boolean;
  }
}

export type TInject = typeof inject;
