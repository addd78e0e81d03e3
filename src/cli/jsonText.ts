/**
 * What `JSON.parse` lets through silently and CBOR would refuse: a key given twice in one object
 * (JSON.parse keeps the last; the CBOR reader refuses duplicates, C4.2) and an integer too large
 * for a `number` (JSON.parse rounds it to the nearest double). The command line refuses both, so
 * a JSON file means exactly what it says.
 *
 * Written by hand: JSON.parse exposes neither duplicates nor the source text of numbers on
 * Node.js 20, and a full JSON parser as a dependency would duplicate what JSON.parse does; this
 * scan runs only on text JSON.parse has already accepted, so it never meets a syntax error.
 *
 * @since 0.1.0
 */

interface Frame {
  readonly kind: 'object' | 'array'
  readonly path: string
  readonly keys: Set<string>
  /** The key of the object member being read, or the index of the array element. */
  key: string | number
  /** An object frame expects a key next (after `{` or `,`). */
  expectKey: boolean
}

const STRING_END = /(?:[^"\\]|\\.)*"/y
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y

const childPath = (f: Frame): string => (typeof f.key === 'number' ? `${f.path}[${f.key}]` : f.path === '' ? f.key : `${f.path}.${f.key}`)

/**
 * The first key repeated within one object, or number beyond ±(2^53 − 1), in JSON text that
 * `JSON.parse` accepts, as a message naming its path; `undefined` when there is none.
 *
 * @example
 * jsonTextProblem('{"a": 1, "a": 2}') // 'key "a" appears twice in the same object (at a)'
 * jsonTextProblem('{"epoch": 9007199254740993}') // 'epoch: 9007199254740993 is beyond 2^53 − 1 …'
 * jsonTextProblem('{"epoch": "9007199254740993"}') // undefined
 */
export const jsonTextProblem = (text: string): string | undefined => {
  const stack: Frame[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    const top = stack[stack.length - 1]
    if (c === '{' || c === '[') {
      const path = top === undefined ? '' : childPath(top)
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
        if (top.keys.has(key)) {
          const at = top.path === '' ? key : `${top.path}.${key}`
          return `key ${JSON.stringify(key)} appears twice in the same object (at ${at})`
        }
        top.keys.add(key)
        top.key = key
        top.expectKey = false
      }
      i = end
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i
      NUMBER.exec(text)
      const literal = text.slice(i, NUMBER.lastIndex)
      if (Math.abs(Number(literal)) > Number.MAX_SAFE_INTEGER) {
        const at = top === undefined ? 'the value' : childPath(top)
        return `${at}: ${literal} is beyond 2^53 − 1 and would lose precision as a JSON number; write it as a decimal string`
      }
      i = NUMBER.lastIndex
    } else {
      i++
    }
  }
  return undefined
}
