/**
 * The left items whose key is missing from the right, both arriving in ascending key order (byte
 * order): a merge join over two database cursors in constant memory.
 */
export async function* missingFrom<L, R>(
  left: AsyncIterable<L>,
  right: AsyncIterable<R>,
  leftKey: (l: L) => string,
  rightKey: (r: R) => string,
): AsyncGenerator<L> {
  const it = right[Symbol.asyncIterator]();
  let next = await it.next();
  try {
    for await (const l of left) {
      const key = leftKey(l);
      while (!next.done && rightKey(next.value) < key) next = await it.next();
      if (next.done || rightKey(next.value) !== key) yield l;
    }
  } finally {
    await it.return?.();
  }
}

/** Flattens a cursor's pages. */
export async function* flatten<T>(pages: AsyncIterable<readonly T[]>): AsyncGenerator<T> {
  for await (const page of pages) yield* page;
}
