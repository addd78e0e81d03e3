/**
 * JSON text read exactly: what `JSON.parse` lets through silently and CBOR would refuse — a key
 * given twice in one object (JSON.parse keeps the last; the CBOR reader refuses duplicates, C4.2)
 * and an integer too large for a `number` (JSON.parse rounds it to the nearest double). The
 * library's JSON refuses both (CLI15), so a JSON file means exactly what it says; oasis-node's
 * JSON (O4) writes large integers as bare numbers, which {@link parseExactJson} reads as `bigint`.
 *
 * Written by hand: JSON.parse exposes neither duplicates nor the source text of numbers on
 * Node.js 20, and a full JSON parser as a dependency would duplicate what JSON.parse does; this
 * scan runs only on text JSON.parse has already accepted, so it never meets a syntax error.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import type { OasisJson } from './wire.js'

type Step = string | number

interface Frame {
  readonly kind: 'object' | 'array'
  readonly path: ReadonlyArray<Step>
  readonly keys: Set<string>
  /** The key of the object member being read, or the index of the array element. */
  key: Step
  /** An object frame expects a key next (after `{` or `,`). */
  expectKey: boolean
}

/** What a scan of JSON text found: the first repeated key, and every integer beyond 2^53 − 1. */
interface Scan {
  readonly duplicate?: { readonly key: string; readonly path: ReadonlyArray<Step> }
  readonly large: ReadonlyArray<{ readonly path: ReadonlyArray<Step>; readonly literal: string }>
}

const STRING_END = /(?:[^"\\]|\\.)*"/y
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y
const INTEGER = /^-?(?:0|[1-9][0-9]*)$/

const render = (path: ReadonlyArray<Step>): string =>
  path.reduce<string>((at, s) => (typeof s === 'number' ? `${at}[${s}]` : at === '' ? s : `${at}.${s}`), '')

const scan = (text: string): Scan => {
  const stack: Frame[] = []
  const large: Array<{ path: ReadonlyArray<Step>; literal: string }> = []
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    const top = stack[stack.length - 1]
    if (c === '{' || c === '[') {
      const path = top === undefined ? [] : [...top.path, top.key]
      stack.push({ kind: c === '{' ? 'object' : 'array', path, keys: new Set(), key: 0, expectKey: c === '{' })
      i++
    } else if (c === '}' || c === ']') {
      stack.pop()
      i++
    } else if (c === ',') {
      if (top !== undefined) {
        if (top.kind === 'object') top.expectKey = true
        else top.key = (top.key as number) + 1
      }
      i++
    } else if (c === '"') {
      STRING_END.lastIndex = i + 1
      STRING_END.exec(text)
      const end = STRING_END.lastIndex
      if (top !== undefined && top.kind === 'object' && top.expectKey) {
        const key = JSON.parse(text.slice(i, end)) as string
        if (top.keys.has(key)) return { duplicate: { key, path: [...top.path, key] }, large }
        top.keys.add(key)
        top.key = key
        top.expectKey = false
      }
      i = end
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i
      NUMBER.exec(text)
      const literal = text.slice(i, NUMBER.lastIndex)
      if (Math.abs(Number(literal)) > Number.MAX_SAFE_INTEGER) large.push({ path: top === undefined ? [] : [...top.path, top.key], literal })
      i = NUMBER.lastIndex
    } else {
      i++
    }
  }
  return { large }
}

/**
 * The first key repeated within one object, or number beyond ±(2^53 − 1), in JSON text that
 * `JSON.parse` accepts, as a message naming its path; `undefined` when there is none (CLI15).
 *
 * @example
 * jsonTextProblem('{"a": 1, "a": 2}') // 'key "a" appears twice in the same object (at a)'
 * jsonTextProblem('{"epoch": 9007199254740993}') // 'epoch: 9007199254740993 is beyond 2^53 − 1 …'
 * jsonTextProblem('{"epoch": "9007199254740993"}') // undefined
 *
 * @category json
 * @since 0.1.0
 */
export const jsonTextProblem = (text: string): string | undefined => {
  const found = scan(text)
  // The scan stops at a repeated key, so any large number it holds came first in the text.
  const first = found.large[0]
  if (first === undefined) return found.duplicate === undefined ? undefined : duplicateMessage(found.duplicate)
  const at = first.path.length === 0 ? 'the value' : render(first.path)
  return `${at}: ${first.literal} is beyond 2^53 − 1 and would lose precision as a JSON number; write it as a decimal string`
}

const duplicateMessage = (d: { readonly key: string; readonly path: ReadonlyArray<Step> }): string =>
  `key ${JSON.stringify(d.key)} appears twice in the same object (at ${render(d.path)})`

/**
 * A number written with a fraction or an exponent (`1.0`, `1e2`): Go's `encoding/json` reads no
 * integer from it, although `JSON.parse` gives an integral number. Readers of oasis-node's JSON see
 * it in place of the number through {@link goMembers} and {@link goItems} (O3).
 *
 * @category json
 * @since 0.1.0
 */
export class NonIntegerLiteral {
  constructor(readonly literal: string) {}
}

interface ObjectView {
  /** Every member in text order, repeats included: key, plain value, value as Go reads it. */
  readonly entries: ReadonlyArray<readonly [string, unknown, unknown]>
}
interface ArrayView {
  readonly items: ReadonlyArray<readonly [unknown, unknown]>
}

// What the text said about each object and array parseExactJson returned (O3): invisible to the
// caller, and ignored once the value no longer matches it (a caller changed it).
const VIEWS = new WeakMap<object, ObjectView | ArrayView>()

/**
 * The members of a JSON object as Go's `encoding/json` reads them (O3): in text order, a repeated
 * key as often as the text gives it, and a number written with a fraction or an exponent as a
 * {@link NonIntegerLiteral} — when the object came from {@link parseExactJson} unchanged;
 * otherwise its own enumerable properties in their order.
 *
 * @example
 * goMembers({ a: 1 }) // [['a', 1]]; for parseExactJson('{"a": 1, "a": 2}', { repeatedKeys: 'keep' }): [['a', 1], ['a', 2]]
 *
 * @category json
 * @since 0.1.0
 */
export const goMembers = (o: Readonly<Record<string, unknown>>): ReadonlyArray<readonly [string, unknown]> => {
  const view = VIEWS.get(o)
  const own = Object.keys(o)
  if (view !== undefined && 'entries' in view) {
    const last = new Map<string, unknown>()
    for (const [k, plain] of view.entries) last.set(k, plain)
    if (last.size === own.length && own.every((k) => last.has(k) && Object.is(last.get(k), o[k]))) return view.entries.map(([k, , go]) => [k, go] as const)
  }
  return own.map((k) => [k, o[k]] as const)
}

/**
 * The items of a JSON array as Go's `encoding/json` reads them (O3): a number written with a
 * fraction or an exponent as a {@link NonIntegerLiteral}, when the array came from
 * {@link parseExactJson} unchanged.
 *
 * @example
 * goItems([1]) // [1]; for parseExactJson('[1.0]'): [NonIntegerLiteral { literal: '1.0' }]
 *
 * @category json
 * @since 0.1.0
 */
export const goItems = (a: ReadonlyArray<unknown>): ReadonlyArray<unknown> => {
  const view = VIEWS.get(a)
  if (view !== undefined && 'items' in view && view.items.length === a.length && view.items.every(([plain], i) => Object.is(plain, a[i]))) {
    return view.items.map(([, go]) => go)
  }
  return a
}

/**
 * Options of {@link parseExactJson}.
 *
 * @category json
 * @since 0.1.0
 */
export interface ParseExactOptions {
  /**
   * A key repeated within one object: `'refuse'` (the default, O4), or `'keep'` as Go's
   * `encoding/json` does (O3): the object holds the last value, as with `JSON.parse`, and the
   * readers of oasis-node's JSON see every member in text order.
   */
  readonly repeatedKeys?: 'refuse' | 'keep'
}

interface Open {
  readonly container: Record<string, unknown> | unknown[]
  readonly entries: Array<readonly [string, unknown, unknown]> | undefined
  readonly items: Array<readonly [unknown, unknown]> | undefined
  readonly path: ReadonlyArray<Step>
  key: string | undefined
}

const LITERAL = /true|false|null/y

/**
 * Build the value of JSON text `JSON.parse` accepted, without recursion (any depth), with the
 * views Go's reading needs; the first repeated key when `refuse`.
 */
const build = (text: string, refuse: boolean): { value: unknown } | { duplicate: { key: string; path: ReadonlyArray<Step> } } => {
  const stack: Open[] = []
  let root: unknown
  const place = (plain: unknown, go: unknown): { key: string; path: ReadonlyArray<Step> } | undefined => {
    const top = stack[stack.length - 1]
    if (top === undefined) {
      root = plain
      return undefined
    }
    if (top.items !== undefined) {
      ;(top.container as unknown[]).push(plain)
      top.items.push([plain, go])
      return undefined
    }
    const key = top.key!
    const obj = top.container as Record<string, unknown>
    if (Object.hasOwn(obj, key) && refuse) return { key, path: [...top.path, key] }
    // As JSON.parse: the last value, at the place of the first; `__proto__` an ordinary key.
    Object.defineProperty(obj, key, { value: plain, enumerable: true, writable: true, configurable: true })
    top.entries!.push([key, plain, go])
    top.key = undefined
    return undefined
  }
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    const top = stack[stack.length - 1]
    if (c === '{' || c === '[') {
      const path = top === undefined ? [] : [...top.path, top.items !== undefined ? top.items.length : top.key!]
      const container = c === '{' ? ({} as Record<string, unknown>) : ([] as unknown[])
      stack.push(c === '{' ? { container, entries: [], items: undefined, path, key: undefined } : { container, entries: undefined, items: [], path, key: undefined })
      i++
    } else if (c === '}' || c === ']') {
      const done = stack.pop()!
      VIEWS.set(done.container, done.items !== undefined ? { items: done.items } : { entries: done.entries! })
      const dup = place(done.container, done.container)
      if (dup !== undefined) return { duplicate: dup }
      i++
    } else if (c === '"') {
      STRING_END.lastIndex = i + 1
      STRING_END.exec(text)
      const end = STRING_END.lastIndex
      const s = JSON.parse(text.slice(i, end)) as string
      if (top !== undefined && top.entries !== undefined && top.key === undefined) top.key = s
      else {
        const dup = place(s, s)
        if (dup !== undefined) return { duplicate: dup }
      }
      i = end
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i
      NUMBER.exec(text)
      const literal = text.slice(i, NUMBER.lastIndex)
      const n = Number(literal)
      const integer = INTEGER.test(literal)
      // Integers beyond 2^53 − 1 exactly (O4); a fraction or an exponent names no Go integer.
      const plain = integer && !Number.isSafeInteger(n) ? BigInt(literal) : n
      const dup = place(plain, integer ? plain : new NonIntegerLiteral(literal))
      if (dup !== undefined) return { duplicate: dup }
      i = NUMBER.lastIndex
    } else if (c === 't' || c === 'f' || c === 'n') {
      LITERAL.lastIndex = i
      LITERAL.exec(text)
      const v = c === 't' ? true : c === 'f' ? false : null
      const dup = place(v, v)
      if (dup !== undefined) return { duplicate: dup }
      i = LITERAL.lastIndex
    } else i++
  }
  return { value: root }
}

/**
 * Parse JSON text exactly (O4): integers beyond 2^53 − 1 become `bigint` instead of being
 * rounded; a key repeated within one object is refused (or, with `{ repeatedKeys: 'keep' }`,
 * kept as Go's `encoding/json` keeps it, O3), as is text `JSON.parse` refuses. The message names
 * the path. The readers of oasis-node's JSON (`runtimeFromOasisJson`, …) see what the text said
 * beyond the value: every repeated member in order, and which numbers had a fraction or an
 * exponent (O3).
 *
 * @example
 * parseExactJson('{"freeze_interval": 18446744073709551615}') // right({ freeze_interval: 18446744073709551615n })
 * parseExactJson('{"a": 1, "a": 2}') // left('key "a" appears twice in the same object (at a)')
 * parseExactJson('{"a": 1, "a": 2}', { repeatedKeys: 'keep' }) // right({ a: 2 })
 *
 * @category json
 * @since 0.1.0
 */
export const parseExactJson = (text: string, options?: ParseExactOptions): E.Either<string, OasisJson> => {
  try {
    JSON.parse(text)
  } catch (e) {
    return E.left(`not valid JSON (${(e as Error).message})`)
  }
  const built = build(text, options?.repeatedKeys !== 'keep')
  return 'duplicate' in built ? E.left(duplicateMessage(built.duplicate)) : E.right(built.value as OasisJson)
}

/**
 * JSON text of an {@link OasisJson} value: `bigint` as a bare integer (as Go writes a uint64),
 * objects in their key order, `indent` spaces per level (0–10, as `JSON.stringify`; `oasis-node`
 * prints with two).
 *
 * @example
 * formatExactJson({ freeze_interval: 18446744073709551615n }, 0) // '{"freeze_interval":18446744073709551615}'
 *
 * @category json
 * @since 0.1.0
 */
export const formatExactJson = (value: OasisJson, indent = 2): string => {
  // As JSON.stringify: a count of spaces, clamped to 0–10.
  const width = Number.isFinite(indent) ? Math.min(10, Math.max(0, Math.floor(indent))) : 0
  const pad = (depth: number): string => (width === 0 ? '' : `\n${' '.repeat(width * depth)}`)
  const colon = width === 0 ? ':' : ': '
  const write = (v: OasisJson, depth: number): string => {
    if (typeof v === 'bigint') return v.toString()
    if (v === null || typeof v !== 'object') return JSON.stringify(v)
    if (Array.isArray(v)) {
      const items = v as ReadonlyArray<OasisJson>
      return items.length === 0 ? '[]' : `[${items.map((x) => `${pad(depth + 1)}${write(x, depth + 1)}`).join(',')}${pad(depth)}]`
    }
    const entries = Object.entries(v as Readonly<Record<string, OasisJson>>)
    return entries.length === 0
      ? '{}'
      : `{${entries.map(([k, x]) => `${pad(depth + 1)}${JSON.stringify(k)}${colon}${write(x, depth + 1)}`).join(',')}${pad(depth)}}`
  }
  return write(value, 0)
}
