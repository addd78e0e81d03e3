/**
 * Hostile-but-well-typed values for the totality property (test/totality.test.ts, issue 11):
 * scalar pools (NaN, ±Infinity, −0, fractions, unsafe integers, huge and negative bigints), a
 * mutation engine that takes a valid value and rewrites a few random positions inside it while
 * keeping the JavaScript type of each position (a number stays a number, an array an array, a
 * byte string a `Uint8Array`), deep freezing, and a deep snapshot to check that a call leaves
 * its arguments unchanged.
 *
 * Two tiers of hostility:
 * - {@link hostile}: values of the declared types (holey and sparse arrays, NaN, huge bigints,
 *   frozen and null-prototype objects, byte strings of wrong lengths or with a byte offset, …).
 *   One caveat: where a declared type is a numeric literal (`v: 1` of SGX constraints v1), a
 *   mutated number is outside it; the codecs refuse such values as values anyway.
 * - {@link malformed}: values outside the declared type that the spec still promises to refuse
 *   as values: `null` and non-object options (engine.md, DX2), descriptors missing a required
 *   field (issue 11 row 12), `null` deployment entries (D3), junk nodes (SX1, RX2).
 */
import fc from 'fast-check'
import { deepFreeze } from './helpers.js'

// -------------------------------------------------------------------------------------------------
// scalars
// -------------------------------------------------------------------------------------------------

/** Numbers that break naive integer code: NaN, ±Infinity, −0, fractions, unsafe and negative integers. */
export const HOSTILE_NUMBERS: ReadonlyArray<number> = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  0.5,
  1.5,
  -1,
  -1.5,
  2 ** 32,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 64,
  -(2 ** 53),
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON
]

/** Bigints outside every uint64 / uint16 range, and zero (a divisor). */
export const HOSTILE_BIGINTS: ReadonlyArray<bigint> = [0n, -1n, 2n ** 64n, 2n ** 70n, -(2n ** 70n), 2n ** 64n - 1n, 2n ** 53n, 2n ** 200n]

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.double(),
  fc.integer({ min: -5, max: 70 })
)
export const hostileBigint: fc.Arbitrary<bigint> = fc.oneof(fc.constantFrom(...HOSTILE_BIGINTS), fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }))

/** Byte strings of the wrong length, with a byte offset into a larger buffer, or a Node Buffer. */
export const hostileBytes = (b: Uint8Array, k: number): Uint8Array => {
  switch (k % 8) {
    case 0:
      return new Uint8Array(0)
    case 1:
      return Uint8Array.from([...b, 0])
    case 2:
      return b.slice(0, Math.max(0, b.length - 1))
    case 3: {
      // the same bytes, seen through a view with an offset into a larger buffer
      const buf = new ArrayBuffer(b.length + 16)
      const v = new Uint8Array(buf, 7, b.length)
      v.set(b)
      new Uint8Array(buf, 0, 7).fill(0xaa)
      return v
    }
    case 4:
      return Buffer.from(b)
    case 5:
      return new Uint8Array(33).fill(0xff)
    case 6:
      return new Uint8Array(b.length)
    default:
      return new Uint8Array(4096).fill(1)
  }
}

// -------------------------------------------------------------------------------------------------
// the mutation engine
// -------------------------------------------------------------------------------------------------

type Step = { readonly kind: 'key'; readonly key: string | number } | { readonly kind: 'map'; readonly key: unknown }
type Path = ReadonlyArray<Step>

const isPlainish = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && !(v instanceof Map) && !(v instanceof Set)

/** Every position inside `v` (the root included), depth first, at most `cap` of them. */
const positions = (v: unknown, cap = 400): Path[] => {
  const out: Path[] = []
  const seen = new Set<unknown>()
  const walk = (x: unknown, path: Path, depth: number): void => {
    if (out.length >= cap) return
    out.push(path)
    if (typeof x !== 'object' || x === null || ArrayBuffer.isView(x) || depth > 10 || seen.has(x)) return
    seen.add(x)
    if (x instanceof Map) {
      for (const [k, val] of x) walk(val, [...path, { kind: 'map', key: k }], depth + 1)
    } else if (Array.isArray(x)) {
      for (const k of Object.keys(x)) walk(x[Number(k)], [...path, { kind: 'key', key: Number(k) }], depth + 1)
    } else if (!(x instanceof Set)) {
      for (const k of Object.keys(x)) walk((x as Record<string, unknown>)[k], [...path, { kind: 'key', key: k }], depth + 1)
    }
  }
  walk(v, [], 0)
  return out
}

/** A shallow copy keeping holes, the prototype and (for Maps) the order. Never frozen. */
const shallowCopy = (x: object): object => {
  if (x instanceof Map) return new Map(x)
  if (Array.isArray(x)) {
    const c: unknown[] = new Array(x.length)
    for (const k of Object.keys(x)) c[Number(k)] = x[Number(k)]
    return c
  }
  return Object.assign(Object.create(Object.getPrototypeOf(x) as object | null) as object, x)
}

const get = (x: unknown, s: Step): unknown =>
  s.kind === 'map' ? (x as Map<unknown, unknown>).get(s.key) : (x as Record<string | number, unknown>)[s.key]

/** `root` with the value at `path` replaced by `f(old)`, copying the containers on the way. */
const replaceAt = (root: unknown, path: Path, f: (old: unknown) => unknown): unknown => {
  if (path.length === 0) return f(root)
  const [head, ...rest] = path as [Step, ...Step[]]
  const copy = shallowCopy(root as object)
  const next = replaceAt(get(root, head), rest, f)
  if (head.kind === 'map') (copy as Map<unknown, unknown>).set(head.key, next)
  else (copy as Record<string | number, unknown>)[head.key] = next
  return copy
}

/** An array with a hole: at `i` (shifting the rest), or past the end (a sparse tail). */
export const withHole = <T>(xs: ReadonlyArray<T>, i: number): T[] => {
  const c: T[] = []
  const at = xs.length === 0 ? 0 : i % (xs.length + 1)
  let j = 0
  for (let k = 0; k < xs.length; k++) {
    if (k === at) j++ // leave index j empty
    if (k in xs) c[j] = xs[k]!
    j++
  }
  if (at >= xs.length) c.length = j + 1
  return c
}

/** A null-prototype copy of a plain object. */
export const nullProto = <T extends object>(o: T): T => Object.assign(Object.create(null) as object, o) as T

export interface Mutation {
  readonly where: number
  readonly how: number
  readonly number: number
  readonly bigint: bigint
}

const mutation: fc.Arbitrary<Mutation> = fc.record({ where: fc.nat(), how: fc.nat(), number: hostileNumber, bigint: hostileBigint })

export interface HostileOptions {
  /** Rewrite only the root (for opaque values such as registries: freeze or null-prototype only). */
  readonly shallow?: boolean
}

/**
 * Replace one value by a hostile one of the same JavaScript type. Strings are left as they are
 * (many are tags of a literal union); string slots get hostile strings from their own
 * arbitraries (`str` in totalityArgs.ts).
 */
const mutateValue = (old: unknown, m: Mutation): unknown => {
  switch (typeof old) {
    case 'number':
      return m.number
    case 'bigint':
      return m.bigint
    case 'boolean':
      return !old
    case 'object': {
      if (old === null) return old
      if (old instanceof Uint8Array) return hostileBytes(old, m.how)
      if (ArrayBuffer.isView(old)) return old
      if (old instanceof Map) {
        return m.how % 2 === 0 ? new Map() : new Map([...old].reverse())
      }
      if (Array.isArray(old)) {
        switch (m.how % 5) {
          case 0:
          case 1:
            return withHole(old, m.where)
          case 2:
            return []
          case 3: {
            // the first entry again at the end (holes kept: a spread would turn them into undefined)
            const c = shallowCopy(old) as unknown[]
            if (0 in old) c.push(old[0])
            else c.length++
            return c
          }
          default:
            return (shallowCopy(old) as unknown[]).reverse() // reverse keeps holes
        }
      }
      if (isPlainish(old)) {
        const proto = Object.getPrototypeOf(old) as object | null
        // A class instance keeps its prototype (its methods are part of its type).
        if (proto !== Object.prototype && proto !== null) return Object.assign(shallowCopy(old), { extra: 1 })
        switch (m.how % 3) {
          case 0:
          case 1:
            return nullProto(old)
          default:
            return Object.assign(shallowCopy(old), { extra: 1 })
        }
      }
      return old
    }
    default:
      return old
  }
}

const applyMutation = (v: unknown, m: Mutation, opts: HostileOptions): unknown => {
  if (opts.shallow === true) {
    return isPlainish(v) && Object.getPrototypeOf(v) === Object.prototype && m.how % 2 === 0 ? nullProto(v) : v
  }
  const ps = positions(v)
  const path = ps[m.where % ps.length]!
  return replaceAt(v, path, (old) => mutateValue(old, m))
}

/**
 * A valid value (half of the time), or one with one to three hostile mutations; a third of either
 * deep-frozen. The values start valid so that calls reach past the first argument check.
 */
export const hostile = <T>(valid: fc.Arbitrary<T>, opts: HostileOptions = {}): fc.Arbitrary<T> =>
  fc
    .tuple(valid, fc.oneof(fc.constant([]), fc.array(mutation, { minLength: 1, maxLength: 3 })), fc.nat({ max: 2 }))
    .map(([v, ms, freeze]) => {
      let out: unknown = v
      for (const m of ms) out = applyMutation(out, m, opts)
      // A third of the values are deep-frozen (E1: inputs may be deep-frozen).
      return (freeze === 0 ? deepFreeze(out) : out) as T
    })

// -------------------------------------------------------------------------------------------------
// outside the declared type, where the spec still promises a value
// -------------------------------------------------------------------------------------------------

/** Values that are not objects, for an options / params / policy argument (engine.md: refused, DX2). */
export const NON_OBJECTS: ReadonlyArray<unknown> = [null, 0, Number.NaN, 'x', true, 1n, [], [1], () => 1, Symbol('x')]

/**
 * Outside the declared type: the value at a random position below the root replaced by `null`,
 * `undefined`, a non-object or an empty object, or a key removed (a required field missing). For arguments the
 * spec says are checked as values (DX1, DX2, D3, SX1, RX2, codec C4: "a value outside its wire
 * type is refused").
 */
export const malformed = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<T> =>
  fc.tuple(valid, fc.nat(), fc.nat()).map(([v, where, how]) => {
    // Never the root itself: a `null` runtime is not something the spec promises to refuse.
    const ps = positions(v).filter((p) => p.length > 0)
    if (ps.length === 0) return v
    const path = ps[where % ps.length]!
    if (how % 4 === 0 && path.length > 0 && path[path.length - 1]!.kind === 'key') {
      // remove the key (a required field missing), copying the parent
      const parentPath = path.slice(0, -1)
      const last = path[path.length - 1] as { kind: 'key'; key: string | number }
      return replaceAt(v, parentPath, (parent) => {
        const c = shallowCopy(parent as object) as Record<string | number, unknown>
        delete c[last.key]
        return c
      }) as T
    }
    const replacements: ReadonlyArray<unknown> = [null, undefined, {}, 'x', 7, [], [null]]
    return replaceAt(v, path, () => replacements[how % replacements.length]) as T
  })

// -------------------------------------------------------------------------------------------------
// non-mutation
// -------------------------------------------------------------------------------------------------

/**
 * A deep description of a value, for "the call left its input unchanged": every own enumerable
 * key, holes, the prototype kind (plain / null / class name), byte contents, Map and Set order,
 * NaN and −0 told apart. Functions and cycles are named, not followed.
 */
export const snapshot = (v: unknown): string => {
  const ids = new Map<unknown, number>()
  const walk = (x: unknown): unknown => {
    switch (typeof x) {
      case 'number':
        return Object.is(x, -0) ? 'n:-0' : `n:${x}`
      case 'bigint':
        return `b:${x}`
      case 'string':
        return `s:${x}`
      case 'boolean':
      case 'undefined':
        return `${String(x)}`
      case 'symbol':
        return `sym:${String(x.description)}`
      case 'function': {
        if (!ids.has(x)) ids.set(x, ids.size)
        return `fn#${ids.get(x)}`
      }
      default:
        break
    }
    if (x === null) return 'null'
    if (ids.has(x)) return `ref#${ids.get(x)}`
    ids.set(x, ids.size)
    if (x instanceof Uint8Array) {
      // a transferred (detached) buffer reads as length 0 and cannot be iterated
      return x.buffer.byteLength === 0 ? { u8: 'detached-or-empty', len: x.length } : { u8: Array.from(x), len: x.length, buf: x.buffer.byteLength, off: x.byteOffset }
    }
    if (ArrayBuffer.isView(x)) return { view: x.constructor.name, len: x.byteLength }
    if (x instanceof Map) return { map: [...x].map(([k, val]) => [walk(k), walk(val)]) }
    if (x instanceof Set) return { set: [...x].map(walk) }
    if (Array.isArray(x)) return { arr: x.length, keys: Object.keys(x).map((k) => [k, walk(x[Number(k)])]) }
    const proto = Object.getPrototypeOf(x) as object | null
    const kind = proto === null ? 'null' : proto === Object.prototype ? 'object' : (proto.constructor?.name ?? 'other')
    return { obj: kind, keys: Object.keys(x as object).map((k) => [k, walk((x as Record<string, unknown>)[k])]) }
  }
  return JSON.stringify(walk(v))
}
