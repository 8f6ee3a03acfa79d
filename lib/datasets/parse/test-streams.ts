/** Helpers for the streaming parsers' tests: text cut into chunks of any size, batches collected. */

export async function* chunked(input: string | Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  const bytes = typeof input === "string" ? new TextEncoder().encode(input) : input;
  for (let start = 0; start < bytes.length; start += size) yield bytes.slice(start, start + size);
}

export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of source) items.push(item);
  return items;
}

/** Resolves to the error the source throws, failing the test when it throws none. */
export async function errorFrom(source: AsyncIterable<unknown>): Promise<Error> {
  try {
    for await (const _ of source) {
      // drain
    }
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the parser to throw");
}
