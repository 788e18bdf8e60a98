/** A row that does not exist for this tenant. Callers answer 404 whether it is missing or another tenant's. */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

/** A new password the policy refuses (packages/core auth): routes answer 400 with the reason. */
export class WeakPasswordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WeakPasswordError";
  }
}

/**
 * The caller must prove who they are first (sign in as the account concerned). Routes answer 401;
 * distinct from NotFound so the page can say "sign in", and from Conflict, which no sign-in fixes.
 */
export class SignInRequiredError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SignInRequiredError";
  }
}
