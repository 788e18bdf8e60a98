import { COMMON_PASSWORDS_TEXT } from "./common-passwords.ts";

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;

let common: Set<string> | undefined;
/** The bundled breached-password list as a set, built on first use (about 18k entries). */
function commonPasswords(): Set<string> {
  common ??= new Set(COMMON_PASSWORDS_TEXT.split("\n"));
  return common;
}

/**
 * Why a new password is refused, or null when it is acceptable. NIST SP 800-63B's rules for
 * memorised secrets: at least 8 characters, long ones allowed, no composition rules, and not a
 * value known from breaches or derived from the account (its email, its local part, the
 * organisation's name). Case is ignored for the comparisons: "Password1" is as guessed as
 * "password1".
 */
export function passwordProblem(
  password: string,
  context: { email?: string; name?: string } = {},
): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH)
    return `the password needs at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH)
    return `the password may have at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.trim().toLowerCase();
  if (commonPasswords().has(lower))
    return "this password is one of the most common in breached password lists: choose another";
  if (new Set(lower).size === 1) return "the password may not be one character repeated";
  const email = context.email?.trim().toLowerCase() ?? "";
  const derived = [email, email.split("@")[0] ?? "", context.name?.trim().toLowerCase() ?? ""];
  if (derived.some((d) => d.length >= 3 && lower === d))
    return "the password may not be the account's email or name";
  return null;
}
