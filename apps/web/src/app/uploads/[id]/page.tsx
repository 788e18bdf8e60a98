import { notFound } from "next/navigation";
import { findUploadView } from "@/lib/find-upload-view.ts";
import { requireSession } from "@/lib/require-session.ts";
import { UploadStatus } from "./upload-status.tsx";

export default async function UploadPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireSession();
  const upload = await findUploadView(user.tenantId, (await params).id);
  if (!upload) notFound();
  return <UploadStatus initial={upload} />;
}
