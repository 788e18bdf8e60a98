/**
 * The whole input cannot be ingested (decompression bomb, empty input, unreadable file). Unlike
 * a rejected line this fails the job; `reason` is a stable machine-readable code.
 */
export class IngestFailure extends Error {
  readonly reason: string;
  constructor(reason: string, message: string) {
    super(message);
    this.name = "IngestFailure";
    this.reason = reason;
  }
}
