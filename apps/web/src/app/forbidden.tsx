import Link from "next/link";

/** Rendered with status 403 when a page's role check fails (lib/require-scope.ts). */
export default function Forbidden() {
  return (
    <div className="panel narrow" data-testid="forbidden">
      <h1>Not allowed</h1>
      <p>Your role in this organisation does not allow this page. An owner or admin can change your role.</p>
      <p>
        <Link href="/">Back to your uploads</Link>
      </p>
    </div>
  );
}
