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

const setAt = (root: unknown, path: ReadonlyArray<Step>, value: unknown): unknown => {
  if (path.length === 0) return value
  let parent = root as Record<Step, unknown>
  for (let k = 0; k < path.length - 1; k++) parent = parent[path[k]!] as Record<Step, unknown>
  Object.defineProperty(parent, path[path.length - 1]!, { value, enumerable: true, writable: true, configurable: true })
  return root
}

/**
 * Parse JSON text exactly (O4): integers beyond 2^53 − 1 become `bigint` instead of being
 * rounded; a key repeated within one object is refused, as is text `JSON.parse` refuses. The
 * message names the path.
 *
 * @example
 * parseExactJson('{"freeze_interval": 18446744073709551615}') // right({ freeze_interval: 18446744073709551615n })
 * parseExactJson('{"a": 1, "a": 2}') // left('key "a" appears twice in the same object (at a)')
 *
 * @category json
 * @since 0.1.0
 */
export const parseExactJson = (text: string): E.Either<string, OasisJson> => {
  let value: unknown
  try {
    value = JSON.parse(text) as unknown
  } catch (e) {
    return E.left(`not valid JSON (${(e as Error).message})`)
  }
  const found = scan(text)
  if (found.duplicate !== undefined) return E.left(duplicateMessage(found.duplicate))
  for (const { path, literal } of found.large) {
    // A fraction or an exponent beyond 2^53 − 1 names no exact integer: it stays a number.
    if (INTEGER.test(literal)) value = setAt(value, path, BigInt(literal))
  }
  return E.right(value as OasisJson)
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
