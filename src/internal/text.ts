/**
 * Quoting user text in messages without repeating all of it (private; not exported from the
 * package root).
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
