/** Query parameter /api/js-required adds when it sends a no-JavaScript form post back to its page. */
export const JS_REQUIRED_PARAM = "js-required";

/** The action for a credential form: a no-JavaScript post lands here instead of leaking a GET. */
export const jsRequiredAction = (formPage: string): string =>
  `/api/js-required?from=${encodeURIComponent(formPage)}`;

/** Whether a page was reached through that redirect (its searchParams value). */
export const cameBackWithoutJs = (value: string | string[] | undefined): boolean => value !== undefined;
