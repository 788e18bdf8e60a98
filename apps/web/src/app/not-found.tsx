import Link from "next/link";

export default function NotFound() {
  return (
    <div className="panel narrow">
      <h1>Not found</h1>
      <p>There is nothing here, or it belongs to another organisation.</p>
      <p>
        <Link href="/">Back to your uploads</Link>
      </p>
    </div>
  );
}
