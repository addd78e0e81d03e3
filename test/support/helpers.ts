/** Small helpers shared by the tests. */
import * as E from 'fp-ts/lib/Either.js'

/** Bytes from lower- or upper-case hex. */
export const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'))

/** The right side of an Either, failing the test with the left side otherwise. */
export const right = <L, R>(e: E.Either<L, R>): R => {
  if (E.isLeft(e)) throw new Error(`expected Right, got Left: ${JSON.stringify(e.left, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}`)
  return e.right
}

/** The left side of an Either, failing the test otherwise. */
export const left = <L, R>(e: E.Either<L, R>): L => {
  if (E.isRight(e)) throw new Error('expected Left, got Right')
  return e.left
}

/** Recursively freeze a value (objects, arrays, Maps' entries; typed arrays cannot be frozen). */
export const deepFreeze = <T>(value: T): T => {
  if (value instanceof Map) {
    for (const [k, v] of value) {
      deepFreeze(k)
      deepFreeze(v)
    }
    return Object.freeze(value)
  }
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) {
    for (const v of Object.values(value)) deepFreeze(v)
    return Object.freeze(value)
  }
  return value
}
