import { UnrecoverableError } from "bullmq";

/**
 * A job failure no retry can fix: a file that is not a log, a payload that fails its schema, a row
 * that no longer exists. Being BullMQ's UnrecoverableError, the job fails at once instead of using
 * its remaining attempts (and their backoff); the pipeline fails the upload with the message.
 */
export class PermanentJobError extends UnrecoverableError {
  constructor(message: string) {
    super(message);
    this.name = "PermanentJobError";
  }
}

/** Whether an error ends its job for good: ours, or BullMQ's own (thrown by a dependency). */
export const isPermanent = (err: unknown): boolean => err instanceof UnrecoverableError;
