import { describe, expect, it } from "vitest";
import { ZFilename, ZUploadParams } from "./uploads.ts";

describe("ZFilename", () => {
  it("keeps only the last path segment of what a browser or client sends", () => {
    expect(ZFilename.parse("C:\\logs\\fw.log")).toBe("fw.log");
    expect(ZFilename.parse("../../etc/passwd")).toBe("passwd");
    expect(ZFilename.parse("  ufw.log.gz ")).toBe("ufw.log.gz");
  });

  it("rejects missing, empty, directory-only and control-character names", () => {
    for (const bad of [undefined, "", "   ", "dir/", "a\nb.log", "x".repeat(256)]) {
      expect(ZFilename.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe("ZUploadParams", () => {
  it("accepts cuid-shaped ids and nothing that could be a path", () => {
    expect(ZUploadParams.safeParse({ id: "cmx1lxx6w0000wi7dozr6b3cd" }).success).toBe(true);
    for (const bad of ["new", "../x", "CMX1LXX6W0000WI7DOZR6B3CD", "cmx1lxx6w0000wi7dozr6b3cd/report"]) {
      expect(ZUploadParams.safeParse({ id: bad }).success, bad).toBe(false);
    }
  });
});
