import { describe, expect, it } from "vitest";
import { passwordProblem } from "../../src/auth/index.ts";
import { COMMON_PASSWORDS_TEXT } from "../../src/auth/common-passwords.ts";

describe("password policy", () => {
  it("refuses the most common breached passwords, whatever their case or padding", () => {
    for (const p of ["password", "12345678", "iloveyou", "trustno1", "Password", "QWERTYUIOP", " sunshine "])
      expect(passwordProblem(p), p).toMatch(/most common in breached/);
    // The list really is bundled: thousands of entries, deep ones refused too.
    const list = COMMON_PASSWORDS_TEXT.split("\n");
    expect(list.length).toBeGreaterThan(15_000);
    expect(passwordProblem(list[list.length - 1] ?? "")).toMatch(/most common/);
  });

  it("refuses short ones, one repeated character, and the account's own email or name", () => {
    expect(passwordProblem("short")).toMatch(/at least 8/);
    expect(passwordProblem("x".repeat(201))).toMatch(/at most 200/);
    expect(passwordProblem("zzzzzzzzzzzz")).toMatch(/repeated/);
    expect(passwordProblem("ana.lyst@example.com", { email: "Ana.Lyst@example.com" })).toMatch(
      /email or name/,
    );
    expect(passwordProblem("ana.lyst", { email: "ana.lyst@example.com" })).toMatch(/email or name/);
    expect(passwordProblem("Acme Security", { name: "acme security" })).toMatch(/email or name/);
  });

  it("accepts long, uncommon passwords without composition rules", () => {
    for (const p of [
      "correct horse battery",
      "long-enough",
      "owner-password-1",
      "ünïcödé-pässwörd",
      "😀😀😀😀😀😀😀😀x",
    ])
      expect(passwordProblem(p, { email: "someone@example.com", name: "Acme" }), p).toBeNull();
  });
});
