/**
 * A failed check while reading or writing a wire value: the error tag, a message, the byte offset
 * when reading bytes, and the path, assembled while the problem travels back up.
 *
 * @since 0.1.0
 */
import type { DecodeErrorTag } from './decodeError.js'

/**
 * A failed check. Path segments are collected innermost first: field names plain, array indexes
 * and map keys as `[…]`.
 *
 * @example
 * new Problem('WrongType', 'expected uint64, got a text string').atOffset(12).at('valid_from')
 *
 * @category model
 * @since 0.1.0
 */
export class Problem {
  readonly path: string[] = []
  /** Byte offset of the offending item, when reading bytes. */
  offset: number | undefined = undefined
  constructor(
    readonly tag: DecodeErrorTag,
    readonly message: string
  ) {}
  /** Set the byte offset unless already set; returns itself. */
  atOffset(offset: number): Problem {
    this.offset ??= offset
    return this
  }
  /** Prefix a path segment while unwinding; returns itself. */
  at(segment: string): Problem {
    this.path.push(segment)
    return this
  }
}

/**
 * Throw a {@link Problem} located at `offset`.
 *
 * @example
 * fail('Truncated', 'input ends inside an item head', 7)
 *
 * @category constructors
 * @since 0.1.0
 */
export const fail = (tag: DecodeErrorTag, message: string, offset: number): never => {
  throw new Problem(tag, message).atOffset(offset)
}

/**
 * The path of a problem as people read it: `deployments[0].valid_from`; `''` for the root.
 *
 * @example
 * renderPath(new Problem('WrongType', 'x').at('valid_from').at('[0]').at('deployments'))
 * // 'deployments[0].valid_from'
 *
 * @category model
 * @since 0.1.0
 */
export const renderPath = (p: Problem): string => {
  let out = ''
  for (let i = p.path.length - 1; i >= 0; i--) {
    const seg = p.path[i]
    // DX2: a sparse path (a legal string[]) renders the segments it holds.
    if (seg === undefined) continue
    out += seg.startsWith('[') || out === '' ? seg : `.${seg}`
  }
  return out
}
