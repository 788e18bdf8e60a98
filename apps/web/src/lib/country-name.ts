// English names for the pages; the code stays what filters, links and the CSV carry.
const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "code" });

/** "DE" -> "Germany"; a code Intl does not know is shown as itself. */
export function countryName(code: string): string {
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
