"use client";

import { useRef, useState, type FormEvent } from "react";
import { ProgressBar } from "@/components/progress-bar.tsx";
import { ZApiError, ZUploadAccepted } from "@/lib/api-schemas/responses.ts";
import { PORTAL_REQUEST_HEADER } from "@/lib/portal-header.ts";

type TState = { phase: "idle" } | { phase: "sending"; percent: number } | { phase: "error"; message: string };

/** Parses `{"id": ...}` or `{"error": ...}` from the upload route's answer. */
function readAnswer(text: string): { id?: string; error?: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return {};
  }
  const accepted = ZUploadAccepted.safeParse(body);
  const failed = ZApiError.safeParse(body);
  return {
    id: accepted.success ? accepted.data.id : undefined,
    error: failed.success ? failed.data.error : undefined,
  };
}

export function UploadForm({ maxBytes }: { maxBytes: number }) {
  const [state, setState] = useState<TState>({ phase: "idle" });
  const fileInput = useRef<HTMLInputElement>(null);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) return setState({ phase: "error", message: "Choose a file first." });
    if (file.size === 0) return setState({ phase: "error", message: "The file is empty." });
    if (file.size > maxBytes)
      return setState({ phase: "error", message: `The file is larger than the limit of ${maxBytes} bytes.` });

    // XMLHttpRequest rather than fetch: only XHR reports upload progress in browsers.
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/uploads?filename=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader(PORTAL_REQUEST_HEADER, "1");
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (ev) => {
      if (ev.lengthComputable) setState({ phase: "sending", percent: (ev.loaded / ev.total) * 100 });
    };
    xhr.onload = () => {
      const answer = readAnswer(xhr.responseText);
      if (xhr.status === 202 && answer.id) {
        setState({ phase: "sending", percent: 100 });
        window.location.assign(`/uploads/${answer.id}`);
      } else {
        setState({ phase: "error", message: answer.error ?? `Upload failed (HTTP ${xhr.status}).` });
      }
    };
    xhr.onerror = () => setState({ phase: "error", message: "The connection failed during the upload." });
    setState({ phase: "sending", percent: 0 });
    xhr.send(file);
  };

  const sending = state.phase === "sending";
  return (
    <form className="stack" method="post" onSubmit={onSubmit}>
      <label>
        Log file
        <input
          ref={fileInput}
          name="file"
          type="file"
          required
          disabled={sending}
          data-testid="upload-file"
        />
      </label>
      <div>
        <button type="submit" disabled={sending}>
          {sending ? "Uploading…" : "Upload"}
        </button>
      </div>
      {sending && <ProgressBar percent={state.percent} label="Uploaded" testId="upload-progress" />}
      {state.phase === "error" && (
        <p className="error" role="alert">
          {state.message}
        </p>
      )}
    </form>
  );
}
