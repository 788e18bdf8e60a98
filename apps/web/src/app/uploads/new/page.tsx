import { requireSession } from "@/lib/require-session.ts";
import { getWebEnv } from "@/lib/web-env.ts";
import { UploadForm } from "./upload-form.tsx";

export default async function NewUploadPage() {
  await requireSession();
  return (
    <div className="panel">
      <h1>Upload a log</h1>
      <p className="muted">
        Firewall or SIEM logs (iptables/UFW, and the other formats the parser knows), plain text or gzip. The
        file is streamed to storage and analysed in the background.
      </p>
      <UploadForm maxBytes={getWebEnv().MAX_UPLOAD_BYTES} />
    </div>
  );
}
