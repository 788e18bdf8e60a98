/**
 * A form's or a button's failure, announced to screen readers (role alert, or status where the
 * message is not urgent); `inline` beside a button, else a paragraph under the form.
 */
export function FormError({
  error,
  inline = false,
  polite = false,
}: {
  error: string | null | undefined;
  inline?: boolean;
  polite?: boolean;
}) {
  if (!error) return null;
  const role = polite ? "status" : "alert";
  return inline ? (
    <span className="error" role={role}>
      {error}
    </span>
  ) : (
    <p className="error" role={role}>
      {error}
    </p>
  );
}
