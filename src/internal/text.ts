/**
 * Quoting user text and thrown values in messages (private; not exported from the package root).
 */

/**
 * `text` as a JSON string literal, cut to its first `max` characters (then `…` and the length) so
 * that a message about a long input stays one short line.
 *
 * @example
 * quoteShort('1.2.3') // '"1.2.3"'
 * quoteShort('x'.repeat(100)) // '"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…" (100 characters)'
 */
export const quoteShort = (text: string, max = 32): string =>
  text.length <= max ? JSON.stringify(text) : `${JSON.stringify(`${text.slice(0, max)}…`)} (${text.length} characters)`

/**
 * A thrown value in words, without calling anything it defines (`String(e)` throws for an object
 * without a prototype, and runs a caller's `toString`).
 *
 * @example
 * describeThrown(new RangeError('Maximum call stack size exceeded')) // 'Maximum call stack size exceeded'
 * describeThrown(Object.create(null)) // 'a thrown object'
 */
export const describeThrown = (e: unknown): string => {
  if (e instanceof Error) return typeof e.message === 'string' && e.message !== '' ? e.message : e.name
  return typeof e === 'string' ? e : `a thrown ${typeof e}`
}

/**
 * `text` with the ASCII letters A–Z in lower case and every other character as it is (the
 * case-insensitive comparisons of X.509 names and RFC 5280 constraints, which fold ASCII only).
 *
 * @example
 * asciiLower('Example.ÇOM') // 'example.Çom'
 */
export const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase())
