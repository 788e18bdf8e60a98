import type { inject } from "vitest";

// What global-platform.ts hands to the tests through vitest's provide/inject.
declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    workerRunning: boolean;
    /** Where the platform's worker sends mail (SMTP_URL); see global-platform.ts. */
    smtpPort: number;
    /** The queue prefix of the platform's portal and worker (QUEUE_PREFIX), for tests that read its queues. */
    queuePrefix: string;
  }
}

export type TInject = typeof inject;
