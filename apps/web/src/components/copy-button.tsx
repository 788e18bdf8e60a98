"use client";

import { useState } from "react";

/**
 * Copies a text to the clipboard. The text stays on the page beside it, so where the clipboard is
 * refused (a page served over plain HTTP to a remote browser) it can still be selected by hand.
 */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const onClick = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <button type="button" className="small secondary" onClick={() => void onClick()}>
      {state === "copied" ? "Copied" : state === "failed" ? "Select and copy" : label}
    </button>
  );
}
