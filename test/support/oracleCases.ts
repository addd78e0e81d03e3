/**
 * Inputs for the differential oracle test (test/schema/oracle.test.ts): a small CBOR item model
 * of its own (independent of the library's reader and writer, so that it can write what the
 * library refuses: non-shortest heads, indefinite lengths, tags, simple values, odd keys), and
 * seeded mutators, each labelled with the class of input it produces.
 *
 * Everything is deterministic for a given seed.
 */

// -------------------------------------------------------------------------------------------------
// a CBOR item model that can express anything a decoder may be sent
// -------------------------------------------------------------------------------------------------

/** One CBOR data item. `raw` is inserted verbatim (a pre-encoded, possibly odd, item). */
export type Item =
  | { t: 'uint'; v: bigint }
  | { t: 'nint'; v: bigint } // the argument n: the value is -1 - n
  | { t: 'bytes'; v: Uint8Array }
  | { t: 'text'; v: Uint8Array } // raw UTF-8 (or not) bytes
  | { t: 'array'; v: Item[] }
  | { t: 'map'; v: Array<[Item, Item]> }
  | { t: 'simple'; v: number } // f4/f5/f6/f7, e0..f3, f8 xx
  | { t: 'raw'; v: Uint8Array }

const utf8 = new TextEncoder()
const utf8Strict = new TextDecoder('utf-8', { fatal: true })

export const uint = (v: number | bigint): Item => ({ t: 'uint', v: BigInt(v) })
export const text = (s: string): Item => ({ t: 'text', v: utf8.encode(s) })
export const bytes = (b: Uint8Array | number[]): Item => ({ t: 'bytes', v: Uint8Array.from(b) })
export const array = (items: Item[]): Item => ({ t: 'array', v: items })
export const map = (entries: Array<[Item, Item]>): Item => ({ t: 'map', v: entries })
/** A struct map: text keys. */
export const struct = (fields: Record<string, Item>): Item => map(Object.entries(fields).map(([k, v]) => [text(k), v]))
export const simple = (v: number): Item => ({ t: 'simple', v })
/** A float16 item (f9 xxxx). */
export const half = (bits: number): Item => ({ t: 'raw', v: Uint8Array.of(0xf9, bits >> 8, bits & 0xff) })
export const raw = (hex: string): Item => ({ t: 'raw', v: fromHex(hex) })
export const NULL = simple(22)
export const UNDEFINED = simple(23)

export const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'))
export const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

/** The shortest head for a major type and argument. */
export const head = (major: number, n: bigint): number[] => {
  const m = major << 5
  if (n < 24n) return [m | Number(n)]
  if (n < 0x100n) return [m | 24, Number(n)]
  if (n < 0x10000n) return [m | 25, Number(n >> 8n), Number(n & 0xffn)]
  if (n < 0x100000000n) return [m | 26, ...[24n, 16n, 8n, 0n].map((s) => Number((n >> s) & 0xffn))]
  return [m | 27, ...[56n, 48n, 40n, 32n, 24n, 16n, 8n, 0n].map((s) => Number((n >> s) & 0xffn))]
}

/** A head one size longer than needed (or 8 bytes when already 4). */
export const longHead = (major: number, n: bigint): number[] => {
  const m = major << 5
  if (n < 0x100n) return [m | 24 + (n < 24n ? 0 : 1), ...(n < 24n ? [Number(n)] : [0, Number(n)])]
  if (n < 0x10000n) return [m | 26, 0, 0, Number(n >> 8n), Number(n & 0xffn)]
  return [m | 27, ...[56n, 48n, 40n, 32n, 24n, 16n, 8n, 0n].map((s) => Number((n >> s) & 0xffn))]
}

export const encode = (item: Item): Uint8Array => {
  const out: number[] = []
  const go = (it: Item): void => {
    switch (it.t) {
      case 'uint':
        out.push(...head(0, it.v))
        return
      case 'nint':
        out.push(...head(1, it.v))
        return
      case 'bytes':
        out.push(...head(2, BigInt(it.v.length)), ...it.v)
        return
      case 'text':
        out.push(...head(3, BigInt(it.v.length)), ...it.v)
        return
      case 'array':
        out.push(...head(4, BigInt(it.v.length)))
        it.v.forEach(go)
        return
      case 'map':
        out.push(...head(5, BigInt(it.v.length)))
        for (const [k, v] of it.v) {
          go(k)
          go(v)
        }
        return
      case 'simple':
        out.push(...(it.v < 24 ? [0xe0 | it.v] : [0xf8, it.v]))
        return
      case 'raw':
        out.push(...it.v)
        return
    }
  }
  go(item)
  return Uint8Array.from(out)
}

/** Parse one well-formed, definite-length item (what a canonical encoder writes). */
export const parse = (b: Uint8Array): Item => {
  let pos = 0
  const arg = (ai: number): bigint => {
    if (ai < 24) return BigInt(ai)
    const n = ai === 24 ? 1 : ai === 25 ? 2 : ai === 26 ? 4 : ai === 27 ? 8 : -1
    if (n < 0) throw new Error(`unsupported additional information ${ai} at ${pos}`)
    let v = 0n
    for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(b[pos++]!)
    return v
  }
  const item = (): Item => {
    const start = pos
    const ib = b[pos++]
    if (ib === undefined) throw new Error('truncated')
    const major = ib >> 5
    const ai = ib & 0x1f
    if (major === 7) {
      if (ai < 24) return simple(ai)
      if (ai === 24) return simple(b[pos++]!)
      pos += ai === 25 ? 2 : ai === 26 ? 4 : 8
      return { t: 'raw', v: b.slice(start, pos) }
    }
    const n = arg(ai)
    switch (major) {
      case 0:
        return { t: 'uint', v: n }
      case 1:
        return { t: 'nint', v: n }
      case 2:
      case 3: {
        const v = b.slice(pos, pos + Number(n))
        pos += Number(n)
        return { t: major === 2 ? 'bytes' : 'text', v }
      }
      case 4:
        return array(Array.from({ length: Number(n) }, () => item()))
      case 5:
        return map(Array.from({ length: Number(n) }, (): [Item, Item] => [item(), item()]))
      default:
        throw new Error(`unsupported major type ${major}`)
    }
  }
  const it = item()
  if (pos !== b.length) throw new Error('trailing bytes')
  return it
}

const clone = (it: Item): Item => structuredClone(it)

const textOf = (it: Item): string | undefined => {
  if (it.t !== 'text') return undefined
  try {
    return utf8Strict.decode(it.v)
  } catch {
    return undefined
  }
}

// -------------------------------------------------------------------------------------------------
// a seeded PRNG (mulberry32)
// -------------------------------------------------------------------------------------------------

export interface Rng {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [0, n). */
  int(n: number): number
  pick<T>(xs: ReadonlyArray<T>): T
}

export const rng = (seed: number): Rng => {
  let a = seed >>> 0
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number): number => Math.floor(next() * n)
  return { next, int, pick: (xs) => xs[int(xs.length)]! }
}

// -------------------------------------------------------------------------------------------------
// slots: every place in a tree where an item sits, with enough context to pick targets
// -------------------------------------------------------------------------------------------------

interface Slot {
  /** `genesis.state_root`, `staking.thresholds[]`, `deployments[]`, … (`[]` for map values and elements). */
  readonly path: string
  /** A value, or a key of a struct map (text keys) or of a Go map (any other keys). */
  readonly role: 'value' | 'struct-key' | 'map-key'
  readonly get: () => Item
  readonly set: (it: Item) => void
  /** The map this slot is in (keys and values), when it is in one. */
  readonly parent?: Extract<Item, { t: 'map' }>
}

const slots = (root: { item: Item }): Slot[] => {
  const out: Slot[] = []
  const walk = (get: () => Item, set: (it: Item) => void, path: string, role: Slot['role'], parent?: Extract<Item, { t: 'map' }>): void => {
    out.push({ path, role, get, set, ...(parent === undefined ? {} : { parent }) })
    const it = get()
    if (it.t === 'array') {
      it.v.forEach((_, i) =>
        walk(
          () => it.v[i]!,
          (n) => (it.v[i] = n),
          `${path}[]`,
          'value'
        )
      )
    } else if (it.t === 'map') {
      const isStruct = it.v.every(([k]) => k.t === 'text')
      it.v.forEach((entry, i) => {
        const name = isStruct ? textOf(entry[0]) ?? '?' : '[]'
        walk(
          () => it.v[i]![0],
          (n) => (it.v[i]![0] = n),
          `${path}${isStruct ? '.' : ''}${name}#key`,
          isStruct ? 'struct-key' : 'map-key',
          it
        )
        walk(
          () => it.v[i]![1],
          (n) => (it.v[i]![1] = n),
          isStruct ? `${path}.${name}` : `${path}[]`,
          'value',
          it
        )
      })
    }
  }
  walk(
    () => root.item,
    (n) => (root.item = n),
    '',
    'value'
  )
  return out
}

const QUANTITY_PATH = /(\.amount|\.min_in_message_fee|\.thresholds\[\])$/

// -------------------------------------------------------------------------------------------------
// mutations: each produces one class of input
// -------------------------------------------------------------------------------------------------

/** A structural mutation: edits the tree in place; false when the tree has no place for it. */
type TreeMutation = (root: { item: Item }, r: Rng) => boolean

const pickSlot = (root: { item: Item }, r: Rng, pred: (s: Slot) => boolean): Slot | undefined => {
  const ss = slots(root).filter(pred)
  return ss.length === 0 ? undefined : r.pick(ss)
}

const mutateSlot =
  (pred: (s: Slot) => boolean, f: (it: Item, r: Rng, s: Slot) => Item | undefined): TreeMutation =>
  (root, r) => {
    const s = pickSlot(root, r, pred)
    if (s === undefined) return false
    const n = f(s.get(), r, s)
    if (n === undefined) return false
    s.set(n)
    return true
  }

const isValue = (s: Slot): boolean => s.role === 'value'
const nonRoot = (s: Slot): boolean => s.path !== ''
const ofType =
  (...ts: Item['t'][]) =>
  (s: Slot): boolean =>
    ts.includes(s.get().t)

const intItem = (v: bigint): Item => (v >= 0n ? { t: 'uint', v } : { t: 'nint', v: -1n - v })
const INTERESTING_INTS = [0n, 1n, 19n, 23n, 24n, 255n, 256n, 65535n, 65536n, 2n ** 31n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n, 2n ** 63n - 1n, 2n ** 63n, 2n ** 64n - 1n, -1n, -24n, -25n, -(2n ** 63n), -(2n ** 63n) - 1n, -(2n ** 64n)]

/** The hostile and lenient classes, by name. Names of the five classes of issue 10 start with "issue10". */
export const TREE_MUTATIONS: Readonly<Record<string, TreeMutation>> = {
  // issue 10, class 1: a byte-string field as a CBOR array of integers
  'issue10-bytes-as-array': mutateSlot(ofType('bytes'), (it) => array([...(it as { v: Uint8Array }).v].map((x) => uint(x)))),
  // issue 10, class 2: a null/undefined map key, or an array as a public-key map key
  'issue10-map-key-null': mutateSlot((s) => s.role === 'map-key', () => NULL),
  'issue10-map-key-undefined': mutateSlot((s) => s.role === 'map-key', () => UNDEFINED),
  'issue10-map-key-array': mutateSlot(
    (s) => s.role === 'map-key',
    (it) => (it.t === 'bytes' ? array([...it.v].map((x) => uint(x))) : array([]))
  ),
  // issue 10, class 3: a quantity as an empty map
  'issue10-quantity-empty-map': mutateSlot((s) => isValue(s) && QUANTITY_PATH.test(s.path), () => map([])),
  // CX7 in depth: a byte string as an array of hostile elements: short or long, its elements
  // simple values, null, undefined, non-shortest or out of range, and past the end of a Go
  // array items Go only checks as well-formed (floats, invalid UTF-8, duplicate keys, nesting)
  'bytes-as-array-hostile': mutateSlot(ofType('bytes'), (it, r) => {
    const v = [...(it as { v: Uint8Array }).v]
    const len = r.pick([0, 1, v.length - 1, v.length, v.length + 1, v.length + 3, 48, 49])
    const items: Item[] = Array.from({ length: Math.max(0, len) }, (_, i) => uint(v[i] ?? r.int(256)))
    const hostile = (): Item =>
      r.pick<Item>([
        NULL,
        UNDEFINED,
        simple(r.int(20)),
        simple(32 + r.int(224)),
        raw('f81f'),
        uint(255),
        uint(256),
        { t: 'nint', v: 0n },
        { t: 'raw', v: Uint8Array.from(longHead(0, BigInt(r.int(256)))) },
        half(0x3c00),
        raw('fb3ff0000000000000'),
        { t: 'text', v: Uint8Array.of(0xff) },
        text('x'),
        bytes([1]),
        array([uint(1)]),
        map([[uint(1), uint(1)], [uint(1), uint(2)]]),
        map([[NULL, NULL]]),
        simple(20),
        { t: 'raw', v: Uint8Array.from([...new Array<number>(28 + r.int(6)).fill(0x81), 0x00]) }
      ])
    for (let k = 1 + r.int(3); k > 0; k--) {
      if (items.length > 0 && r.next() < 0.5) items[r.int(items.length)] = hostile()
      else items.push(hostile())
    }
    return array(items)
  }),
  // CX4 / CX5 in Go maps: an entry appended with a null or undefined key or value (Go reuses its
  // key and value variables for integers, booleans and strings)
  'map-entry-nil': mutateSlot(
    (s) => s.get().t === 'map' && (s.get() as { v: Array<[Item, Item]> }).v.some(([k]) => k.t !== 'text') && (s.get() as { v: unknown[] }).v.length > 0,
    (it, r) => {
      const es = [...(it as { v: Array<[Item, Item]> }).v]
      const [k0, v0] = r.pick(es)
      const fresh: Item = k0.t === 'uint' ? uint(k0.v + 1n + BigInt(r.int(3))) : k0.t === 'bytes' ? bytes(k0.v.map((x, i) => (i === 0 ? x ^ 1 : x))) : k0
      const key = r.pick<Item>([NULL, UNDEFINED, fresh, fresh])
      const value = r.pick<Item>([NULL, UNDEFINED, clone(v0)])
      const entry: [Item, Item] = [key, value]
      if (r.next() < 0.5) es.unshift(entry)
      else es.push(entry)
      return map(es)
    }
  ),
  // CX3: any value as a simple value (integers where Go takes them, malformed f8 xx, booleans)
  'value-simple': mutateSlot(
    (s) => isValue(s) && nonRoot(s),
    (_it, r) => r.pick<Item>([simple(0), simple(1), simple(19), simple(32), simple(255), raw('f813'), simple(20), simple(21), UNDEFINED])
  ),
  // CX2: a struct key in another letter case, added next to the original (both refuse)
  'case-variant-duplicate': mutateSlot(
    (s) => s.get().t === 'map' && (s.get() as { v: Array<[Item, Item]> }).v.some(([k]) => /[a-z]/.test(textOf(k) ?? '')),
    (it, r) => {
      const es = [...(it as { v: Array<[Item, Item]> }).v]
      const [k, v] = r.pick(es.filter(([key]) => /[a-z]/.test(textOf(key) ?? '')))
      const name = textOf(k)!
      return map([...es, [text(r.next() < 0.5 ? name.toUpperCase() : name), clone(v)]])
    }
  ),
  // CX9: a TDX field (or any byte string) of another length
  'byte-length-any': mutateSlot(ofType('bytes'), (it, r) => {
    const v = (it as { v: Uint8Array }).v
    const len = r.pick([0, 1, 31, 33, 47, 49, 64, 100])
    return bytes(Array.from({ length: len }, (_, i) => v[i] ?? r.int(256)))
  }),
  // CX4 / CX3: null or undefined where a value is expected
  'value-null': mutateSlot((s) => isValue(s) && nonRoot(s), () => NULL),
  'value-undefined': mutateSlot((s) => isValue(s) && nonRoot(s), () => UNDEFINED),
  // CX3: an integer written as a simple value (e0..f3 for 0..19, f8 xx for 32..255)
  'int-as-simple': mutateSlot(
    (s) => s.get().t === 'uint' && ((s.get() as { v: bigint }).v < 20n || ((s.get() as { v: bigint }).v >= 32n && (s.get() as { v: bigint }).v < 256n)),
    (it) => simple(Number((it as { v: bigint }).v))
  ),
  // CX2: a struct key in another letter case
  'case-variant-key': mutateSlot(
    (s) => s.role === 'struct-key' && /[a-z]/.test(textOf(s.get()) ?? ''),
    (it, r) => {
      const name = textOf(it)!
      const idx = [...name].map((c, i) => (/[a-z]/.test(c) ? i : -1)).filter((i) => i >= 0)
      const i = r.pick(idx)
      return text(name.slice(0, i) + name[i]!.toUpperCase() + name.slice(i + 1))
    }
  ),
  // C4 (accepted by both): non-shortest heads, unsorted keys
  'non-shortest-int': mutateSlot(ofType('uint', 'nint'), (it) => ({ t: 'raw', v: Uint8Array.from(longHead(it.t === 'uint' ? 0 : 1, (it as { v: bigint }).v)) })),
  'non-shortest-length': mutateSlot(ofType('bytes', 'text', 'array', 'map'), (it) => {
    const inner = encode(it)
    const major = inner[0]! >> 5
    const n = BigInt(it.t === 'array' || it.t === 'map' ? it.v.length : (it.v as Uint8Array).length)
    const h = head(major, n).length
    return { t: 'raw', v: Uint8Array.from([...longHead(major, n), ...inner.subarray(h)]) }
  }),
  'unsorted-keys': mutateSlot(
    (s) => s.get().t === 'map' && (s.get() as { v: unknown[] }).v.length > 1,
    (it) => map([...(it as { v: Array<[Item, Item]> }).v].reverse())
  ),
  // C4.2: a duplicated key (sometimes with a longer head for an integer key: same decoded value)
  'duplicate-key': mutateSlot(
    (s) => s.get().t === 'map' && (s.get() as { v: unknown[] }).v.length > 0,
    (it, r) => {
      const es = (it as { v: Array<[Item, Item]> }).v
      const [k, v] = r.pick(es)
      const k2 = k.t === 'uint' && r.next() < 0.5 ? ({ t: 'raw', v: Uint8Array.from(longHead(0, k.v)) } as Item) : clone(k)
      return map([...es, [k2, clone(v)]])
    }
  ),
  // C4.5: a key that names no field; a struct entry left out (missing fields read as zero)
  'unknown-key': mutateSlot(
    (s) => s.get().t === 'map' && (s.get() as { v: Array<[Item, Item]> }).v.every(([k]) => k.t === 'text'),
    (it, r) => map([...(it as { v: Array<[Item, Item]> }).v, [text(r.pick(['x', 'versions', 'tee_hardwar', 'v ', 'deployment'])), uint(0)]])
  ),
  'drop-entry': mutateSlot(
    (s) => s.get().t === 'map' && (s.get() as { v: unknown[] }).v.length > 0,
    (it, r) => {
      const es = [...(it as { v: Array<[Item, Item]> }).v]
      es.splice(r.int(es.length), 1)
      return map(es)
    }
  ),
  // C4.9: a byte string one byte longer or shorter
  'wrong-byte-length': mutateSlot(ofType('bytes'), (it, r) => {
    const v = (it as { v: Uint8Array }).v
    return r.next() < 0.5 && v.length > 0 ? bytes(v.subarray(0, v.length - 1)) : bytes([...v, r.int(256)])
  }),
  // C4.8: an integer at a width boundary
  'int-boundary': mutateSlot(ofType('uint', 'nint'), (_it, r) => intItem(r.pick(INTERESTING_INTS))),
  // C4.7: a value of another CBOR type
  'type-swap': mutateSlot(
    (s) => isValue(s) && nonRoot(s),
    (_it, r) =>
      r.pick<Item>([
        text('1'),
        bytes([1]),
        array([]),
        map([]),
        simple(20),
        simple(21),
        raw('f93c00'),
        raw('fa3f800000'),
        raw('fb3ff0000000000000'),
        uint(1),
        { t: 'nint', v: 0n }
      ])
  ),
  // C4.4: a tag around a value (self-describe 55799, bignum 2, others)
  tag: mutateSlot(
    () => true,
    (it, r) => ({ t: 'raw', v: Uint8Array.from([...head(6, r.pick([55799n, 2n, 3n, 24n, 0n, 64n])), ...encode(it)]) })
  ),
  // C4.3: an indefinite-length string, array or map
  indefinite: mutateSlot(ofType('bytes', 'text', 'array', 'map'), (it) => {
    const inner = encode(it)
    const major = inner[0]! >> 5
    if (it.t === 'array' || it.t === 'map') {
      const h = head(major, BigInt(it.v.length)).length
      return { t: 'raw', v: Uint8Array.from([(major << 5) | 31, ...inner.subarray(h), 0xff]) }
    }
    return { t: 'raw', v: Uint8Array.from([(major << 5) | 31, ...inner, 0xff]) }
  }),
  // C4.6: nesting around the 32-level limit
  'deep-nesting': mutateSlot(
    (s) => isValue(s) && nonRoot(s),
    (_it, r) => {
      const depth = 28 + r.int(8)
      return { t: 'raw', v: Uint8Array.from([...new Array<number>(depth).fill(0x81), 0x00]) }
    }
  ),
  // C4.10: invalid UTF-8 in a text string (a key or a value)
  'invalid-utf8': mutateSlot(ofType('text'), (it) => ({ t: 'text', v: Uint8Array.from([...(it as { v: Uint8Array }).v, 0xff]) })),
  // an empty container or byte string in place of a non-empty one
  'empty-container': mutateSlot(ofType('bytes', 'array', 'map', 'text'), (it) =>
    it.t === 'bytes' ? bytes([]) : it.t === 'array' ? array([]) : it.t === 'map' ? map([]) : text('')
  )
}

/** A byte-level mutation of an encoding. */
type ByteMutation = (b: Uint8Array, r: Rng) => Uint8Array

export const BYTE_MUTATIONS: Readonly<Record<string, ByteMutation>> = {
  'bit-flip': (b, r) => {
    const out = Uint8Array.from(b)
    const i = r.int(out.length)
    out[i] = out[i]! ^ (1 << r.int(8))
    return out
  },
  'byte-replace': (b, r) => {
    const out = Uint8Array.from(b)
    out[r.int(out.length)] = r.int(256)
    return out
  },
  'byte-insert': (b, r) => {
    const i = r.int(b.length + 1)
    return Uint8Array.from([...b.subarray(0, i), r.int(256), ...b.subarray(i)])
  },
  'byte-delete': (b, r) => {
    const i = r.int(b.length)
    return Uint8Array.from([...b.subarray(0, i), ...b.subarray(i + 1)])
  },
  truncate: (b, r) => b.subarray(0, r.int(b.length)),
  // CX1: bytes after the first item
  'trailing-bytes': (b, r) => Uint8Array.from([...b, ...Array.from({ length: 1 + r.int(3) }, () => r.int(256))])
}

/** One generated input: its bytes (hex), the decoder it is for, and the class that produced it. */
export interface OracleCase {
  readonly mode: 'runtime' | 'sgx' | 'node' | 'params'
  readonly hex: string
  readonly cls: string
}

/**
 * `count` distinct mutated inputs, derived from `bases` (canonical encodings, per mode) with a
 * PRNG seeded by `seed`. About a third are byte-level mutations, the rest structural ones;
 * each class is picked uniformly within its kind.
 */
export const mutatedCases = (
  bases: ReadonlyArray<{ readonly mode: OracleCase['mode']; readonly bytes: Uint8Array }>,
  count: number,
  seed: number
): OracleCase[] => {
  const r = rng(seed)
  const parsed = bases.map((b) => ({ mode: b.mode, bytes: b.bytes, item: parse(b.bytes) }))
  const treeNames = Object.keys(TREE_MUTATIONS)
  const byteNames = Object.keys(BYTE_MUTATIONS)
  const seen = new Set<string>()
  const out: OracleCase[] = []
  for (let attempts = 0; out.length < count && attempts < count * 20; attempts++) {
    const base = r.pick(parsed)
    let bytesOut: Uint8Array
    let cls: string
    if (r.next() < 1 / 3) {
      cls = r.pick(byteNames)
      if (base.bytes.length === 0) continue
      bytesOut = BYTE_MUTATIONS[cls]!(base.bytes, r)
    } else {
      cls = r.pick(treeNames)
      const root = { item: clone(base.item) }
      if (!TREE_MUTATIONS[cls]!(root, r)) continue
      bytesOut = encode(root.item)
    }
    const hex = toHex(bytesOut)
    const key = `${base.mode}:${hex}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ mode: base.mode, hex, cls })
  }
  return out
}

// -------------------------------------------------------------------------------------------------
// seeds: small descriptors, so that mutating them gives small examples
// -------------------------------------------------------------------------------------------------

const z = (n: number, fill = 0): Uint8Array => new Uint8Array(n).fill(fill)

/** Small runtime descriptors, each exercising one part of the schema (missing fields read as zero). */
export const RUNTIME_SEEDS: ReadonlyArray<Item> = [
  map([]),
  struct({ id: bytes(z(32)) }),
  struct({ entity_id: bytes(z(32, 1)) }),
  struct({ genesis: struct({ round: uint(1), state_root: bytes(z(32)) }) }),
  struct({ key_manager: bytes(z(32)) }),
  struct({ kind: uint(1), tee_hardware: uint(1), governance_model: uint(1) }),
  struct({ staking: struct({ min_in_message_fee: bytes([1]) }) }),
  struct({ staking: struct({ thresholds: map([[uint(2), bytes([1])]]) }) }),
  struct({ staking: struct({ slashing: map([[uint(0x80), struct({ amount: bytes([1]), freeze_interval: uint(1) })]]) }) }),
  struct({ constraints: map([[uint(1), map([[uint(1), struct({ max_nodes: struct({ limit: uint(1) }) })]])]]) }),
  struct({ admission_policy: struct({ any_node: map([]) }) }),
  struct({ admission_policy: struct({ entity_whitelist: struct({ entities: map([[bytes(z(32)), map([])]]) }) }) }),
  struct({ admission_policy: struct({ per_role: map([[uint(1), struct({ entity_whitelist: struct({ entities: map([[bytes(z(32)), struct({ max_nodes: uint(1) })]]) }) })]]) }) }),
  struct({ executor: struct({ group_size: uint(1), round_timeout: uint(5) }) }),
  struct({ txn_scheduler: struct({ batch_flush_timeout: uint(50_000_000), max_batch_size: uint(1) }) }),
  struct({ storage: struct({ checkpoint_interval: uint(10) }) }),
  struct({ deployments: array([struct({ version: struct({ major: uint(1) }), valid_from: uint(1), tee: bytes([0xa0]), bundle_checksum: bytes(z(32)) })]) })
]

/** Small SGX constraints, v0 and v1. */
export const SGX_SEEDS: ReadonlyArray<Item> = [
  map([]),
  struct({ enclaves: array([struct({ mr_signer: bytes(z(32)), mr_enclave: bytes(z(32, 1)) })]) }),
  struct({ allowed_quote_statuses: array([uint(1)]) }),
  struct({ v: uint(1) }),
  struct({ v: uint(1), enclaves: array([struct({ mr_signer: bytes(z(32)), mr_enclave: bytes(z(32, 1)) })]), max_attestation_age: uint(1) }),
  struct({ v: uint(1), policy: struct({ ias: struct({ disabled: simple(21), gid_blacklist: array([uint(1)]) }) }) }),
  struct({
    v: uint(1),
    policy: struct({
      pcs: struct({
        tdx: struct({ allowed_tdx_modules: array([struct({ mr_seam: bytes(z(48)), mr_signer_seam: bytes(z(48)) })]) }),
        fmspc_whitelist: array([text('00606a000000')]),
        tcb_validity_period: uint(30),
        min_tcb_evaluation_data_number: uint(17)
      })
    })
  })
]

// -------------------------------------------------------------------------------------------------
// the hostile classes of issue 10, as written there, plus the CX leniencies, as fixed cases
// -------------------------------------------------------------------------------------------------

/** Small node runtime entries. */
export const NODE_SEEDS: ReadonlyArray<Item> = [
  map([]),
  struct({ id: bytes(z(32)), version: struct({ patch: uint(1) }), extra_info: NULL, capabilities: map([]) }),
  struct({
    capabilities: struct({ tee: struct({ hardware: uint(1), rak: bytes(z(32, 2)), rek: bytes(z(32, 3)), attestation: bytes([1, 2]) }) }),
    extra_info: bytes([5])
  })
]

/** Small consensus parameters. */
export const PARAMS_SEEDS: ReadonlyArray<Item> = [
  map([]),
  struct({ gas_costs: struct({ register_runtime: uint(1000), register_node: uint(1) }), max_runtime_deployments: uint(5) }),
  struct({ enable_runtime_governance_models: map([[uint(1), simple(21)], [uint(2), simple(20)]]), debug_allow_test_runtimes: simple(21) }),
  struct({
    tee_features: struct({
      sgx: struct({ pcs: simple(21), tdx: simple(21), max_attestation_age: uint(5), default_policy: struct({ ias: struct({ disabled: simple(21) }) }) }),
      freshness_proofs: simple(20)
    })
  })
]

const k = (name: string): Item => text(name)
const gas = (entries: Array<[Item, Item]>): Item => struct({ gas_costs: map(entries) })
const dep = (fields: Record<string, Item>): Item => struct({ deployments: array([struct({ version: struct({ major: uint(1) }), valid_from: uint(1), ...fields })]) })
const hexOf = (it: Item): string => toHex(encode(it))

/**
 * Minimal inputs, one or more per known class: issue 10's table, the leniencies of
 * spec/codec.md (CX1–CX5, CX7–CX9), and the corners of fxamacker v2.4.0 the library mirrors
 * (reused map variables, elements past the end of a Go array, `GetVersion`).
 */
export const FIXED_CASES: ReadonlyArray<OracleCase> = [
  { mode: 'runtime', cls: 'issue10-bytes-as-array', hex: 'a162696480' },
  { mode: 'runtime', cls: 'issue10-map-key-null', hex: 'a16b636f6e73747261696e7473a1f6a0' },
  { mode: 'runtime', cls: 'issue10-quantity-empty-map', hex: 'a1677374616b696e67a1726d696e5f696e5f6d6573736167655f666565a0' },
  { mode: 'runtime', cls: 'trailing-bytes', hex: 'a000' },
  { mode: 'runtime', cls: 'case-variant-key', hex: toHex(encode(struct({ Kind: uint(1) }))) },
  { mode: 'runtime', cls: 'int-as-simple', hex: toHex(encode(struct({ kind: simple(1) }))) },
  { mode: 'runtime', cls: 'value-undefined', hex: toHex(encode(struct({ kind: UNDEFINED }))) },
  { mode: 'runtime', cls: 'value-null', hex: toHex(encode(struct({ kind: NULL }))) },
  { mode: 'runtime', cls: 'value-null', hex: 'f6' },
  { mode: 'sgx', cls: 'value-null', hex: 'f6' },
  { mode: 'runtime', cls: 'issue10-map-key-array', hex: toHex(encode(struct({ admission_policy: struct({ entity_whitelist: struct({ entities: map([[array([]), map([])]]) }) }) }))) },
  { mode: 'sgx', cls: 'issue10-bytes-as-array', hex: toHex(encode(struct({ enclaves: array([struct({ mr_enclave: array([]) })]) }))) },
  { mode: 'sgx', cls: 'case-variant-key', hex: toHex(encode(struct({ V: uint(1) }))) },
  // CX1: anything after the item, even a malformed head or a lone break
  { mode: 'runtime', cls: 'trailing-bytes', hex: 'a0ff' },
  { mode: 'sgx', cls: 'trailing-bytes', hex: 'a01c' },
  { mode: 'node', cls: 'trailing-bytes', hex: 'a05f' },
  // CX2: case variants, alone, twice, and next to the exact name
  { mode: 'runtime', cls: 'case-variant-key', hex: hexOf(struct({ KIND: uint(1), Tee_Hardware: uint(1) })) },
  { mode: 'runtime', cls: 'case-variant-duplicate', hex: hexOf(struct({ kind: uint(1), Kind: uint(2) })) },
  { mode: 'runtime', cls: 'case-variant-duplicate', hex: hexOf(struct({ Kind: uint(1), kind: uint(2) })) },
  { mode: 'runtime', cls: 'case-variant-duplicate', hex: hexOf(map([[k('KIND'), uint(1)], [k('KIND'), uint(2)]])) },
  { mode: 'runtime', cls: 'case-variant-key', hex: hexOf(struct({ genesis: struct({ ROUND: uint(7), State_Root: bytes(z(32, 9)) }) })) },
  { mode: 'params', cls: 'case-variant-key', hex: hexOf(struct({ Gas_Costs: struct({ Register_Runtime: uint(1) }) })) },
  // CX2 for the SGX layout: GetVersion folds case; 65535 is Go's "no version"
  { mode: 'sgx', cls: 'sgx-version', hex: hexOf(struct({ V: uint(1), Enclaves: array([]) })) },
  { mode: 'sgx', cls: 'sgx-version', hex: hexOf(struct({ V: uint(0) })) },
  { mode: 'sgx', cls: 'sgx-version', hex: hexOf(struct({ V: uint(2) })) },
  { mode: 'sgx', cls: 'sgx-version', hex: hexOf(struct({ V: uint(1), v: uint(1) })) },
  { mode: 'sgx', cls: 'sgx-version', hex: hexOf(struct({ v: uint(1), V: uint(1) })) },
  { mode: 'sgx', cls: 'sgx-version', hex: hexOf(struct({ V: uint(5), v: uint(1) })) },
  { mode: 'sgx', cls: 'sgx-version', hex: hexOf(struct({ v: simple(1) })) },
  { mode: 'sgx', cls: 'sgx-version', hex: hexOf(struct({ v: simple(2) })) },
  { mode: 'sgx', cls: 'sgx-version', hex: hexOf(struct({ v: uint(65535) })) },
  { mode: 'sgx', cls: 'sgx-version', hex: hexOf(struct({ v: uint(65534) })) },
  { mode: 'sgx', cls: 'sgx-version', hex: hexOf(struct({ v: uint(65536) })) },
  { mode: 'sgx', cls: 'sgx-version', hex: hexOf(struct({ v: NULL })) },
  { mode: 'sgx', cls: 'sgx-version', hex: hexOf(struct({ v: UNDEFINED })) },
  { mode: 'sgx', cls: 'sgx-version', hex: hexOf(struct({ v: { t: 'nint', v: 0n } })) },
  { mode: 'sgx', cls: 'sgx-version', hex: hexOf(struct({ enclaves: array([]), v: uint(1) })) },
  { mode: 'sgx', cls: 'sgx-version', hex: hexOf(map([[{ t: 'raw', v: fromHex('780176') }, uint(1)]])) },
  { mode: 'sgx', cls: 'sgx-version', hex: hexOf(struct({ v: uint(1), x: half(0x3c00) })) },
  { mode: 'sgx', cls: 'sgx-version', hex: hexOf(struct({ x: raw('6161'), v: uint(1) })) },
  { mode: 'sgx', cls: 'value-undefined', hex: 'f7' },
  { mode: 'node', cls: 'value-null', hex: 'f6' },
  { mode: 'params', cls: 'value-undefined', hex: 'f7' },
  // CX3: simple values as integers (and where Go refuses them)
  { mode: 'runtime', cls: 'int-as-simple', hex: hexOf(struct({ kind: raw('f820'), v: raw('f8ff'), tee_hardware: simple(19) })) },
  { mode: 'runtime', cls: 'int-as-simple', hex: hexOf(struct({ kind: raw('f81f') })) },
  { mode: 'runtime', cls: 'value-simple', hex: hexOf(struct({ tee_hardware: simple(20) })) },
  { mode: 'params', cls: 'value-simple', hex: hexOf(struct({ debug_allow_test_runtimes: simple(1) })) },
  { mode: 'runtime', cls: 'value-simple', hex: hexOf(struct({ genesis: simple(0) })) },
  { mode: 'runtime', cls: 'value-simple', hex: hexOf(struct({ id: simple(0) })) },
  // CX4: null in every kind of place
  { mode: 'runtime', cls: 'value-null', hex: hexOf(struct({ genesis: NULL, executor: UNDEFINED, admission_policy: NULL, staking: NULL, key_manager: NULL })) },
  { mode: 'runtime', cls: 'value-null', hex: hexOf(struct({ deployments: array([NULL, UNDEFINED]) })) },
  { mode: 'runtime', cls: 'value-null', hex: hexOf(dep({ tee: NULL, bundle_checksum: UNDEFINED, version: NULL })) },
  { mode: 'sgx', cls: 'value-null', hex: hexOf(struct({ enclaves: array([NULL]), allowed_quote_statuses: array([UNDEFINED, uint(1)]) })) },
  { mode: 'sgx', cls: 'value-null', hex: hexOf(struct({ v: uint(1), policy: struct({ pcs: struct({ tdx: struct({ allowed_tdx_modules: array([NULL]) }), fmspc_blacklist: array([NULL]) }) }) })) },
  { mode: 'node', cls: 'value-null', hex: hexOf(struct({ capabilities: struct({ tee: NULL }), extra_info: UNDEFINED, version: NULL })) },
  // CX4 / CX5: null keys and values of Go maps (reused variables for bool, integer, string)
  { mode: 'params', cls: 'map-entry-nil', hex: hexOf(gas([[k('a'), uint(5)], [k('b'), NULL]])) },
  { mode: 'params', cls: 'map-entry-nil', hex: hexOf(gas([[k('a'), uint(5)], [NULL, uint(6)]])) },
  { mode: 'params', cls: 'map-entry-nil', hex: hexOf(gas([[UNDEFINED, uint(6)]])) },
  { mode: 'params', cls: 'map-entry-nil', hex: hexOf(gas([[k('a'), NULL]])) },
  { mode: 'params', cls: 'map-entry-nil', hex: hexOf(struct({ enable_runtime_governance_models: map([[uint(1), simple(21)], [uint(2), UNDEFINED]]) })) },
  { mode: 'params', cls: 'map-entry-nil', hex: hexOf(struct({ enable_runtime_governance_models: map([[NULL, simple(21)]]) })) },
  { mode: 'runtime', cls: 'map-entry-nil', hex: hexOf(struct({ constraints: map([[uint(1), map([])], [NULL, map([])]]) })) },
  { mode: 'runtime', cls: 'map-entry-nil', hex: hexOf(struct({ constraints: map([[UNDEFINED, map([[NULL, map([])]])], [uint(1), NULL]]) })) },
  { mode: 'runtime', cls: 'map-entry-nil', hex: hexOf(struct({ staking: struct({ thresholds: map([[uint(2), bytes([1])], [uint(3), NULL]]) }) })) },
  { mode: 'runtime', cls: 'map-entry-nil', hex: hexOf(struct({ staking: struct({ thresholds: map([[{ t: 'nint', v: 4n }, bytes([1])], [NULL, NULL]]) }) })) },
  { mode: 'runtime', cls: 'map-entry-nil', hex: hexOf(struct({ admission_policy: struct({ entity_whitelist: struct({ entities: map([[NULL, struct({ max_nodes: map([[uint(1), uint(3)], [uint(2), NULL]]) })]]) }) }) })) },
  { mode: 'runtime', cls: 'map-entry-nil', hex: hexOf(struct({ admission_policy: struct({ entity_whitelist: struct({ entities: map([[NULL, map([])], [array([]), map([])]]) }) }) })) },
  { mode: 'runtime', cls: 'map-entry-nil', hex: hexOf(struct({ admission_policy: struct({ per_role: map([[uint(1), NULL], [uint(2), struct({ entity_whitelist: NULL })]]) }) })) },
  // CX5: other odd keys of Go maps
  { mode: 'runtime', cls: 'issue10-map-key-array', hex: hexOf(struct({ constraints: map([[simple(1), map([])]]) })) },
  { mode: 'runtime', cls: 'issue10-map-key-array', hex: hexOf(struct({ constraints: map([[half(0x3c00), map([])]]) })) },
  { mode: 'runtime', cls: 'issue10-map-key-array', hex: hexOf(struct({ admission_policy: struct({ entity_whitelist: struct({ entities: map([[array([uint(1), simple(2), NULL]), map([])]]) }) }) })) },
  { mode: 'params', cls: 'issue10-map-key-array', hex: hexOf(gas([[simple(1), uint(1)]])) },
  // CX7: byte strings as arrays
  { mode: 'runtime', cls: 'issue10-bytes-as-array', hex: hexOf(struct({ id: array([uint(1)]) })) },
  { mode: 'runtime', cls: 'issue10-bytes-as-array', hex: hexOf(struct({ key_manager: array(Array.from({ length: 33 }, () => uint(255))) })) },
  { mode: 'runtime', cls: 'bytes-as-array-hostile', hex: hexOf(struct({ id: array([...Array.from({ length: 32 }, () => uint(0)), half(0x3c00), { t: 'text', v: Uint8Array.of(0xff) }, map([[uint(1), uint(1)], [uint(1), uint(1)]])]) })) },
  { mode: 'runtime', cls: 'bytes-as-array-hostile', hex: hexOf(struct({ id: array([half(0x3c00)]) })) },
  { mode: 'runtime', cls: 'bytes-as-array-hostile', hex: hexOf(struct({ entity_id: array([simple(3), raw('f8ff'), NULL, UNDEFINED, raw('1801')]) })) },
  { mode: 'runtime', cls: 'bytes-as-array-hostile', hex: hexOf(struct({ entity_id: array([uint(256)]) })) },
  { mode: 'runtime', cls: 'bytes-as-array-hostile', hex: hexOf(struct({ entity_id: array([{ t: 'nint', v: 0n }]) })) },
  { mode: 'runtime', cls: 'bytes-as-array-hostile', hex: hexOf(dep({ tee: array([uint(160)]), bundle_checksum: array([]) })) },
  { mode: 'runtime', cls: 'bytes-as-array-hostile', hex: hexOf(dep({ tee: array([uint(1), half(0)]) })) },
  { mode: 'runtime', cls: 'bytes-as-array-hostile', hex: hexOf(struct({ staking: struct({ min_in_message_fee: array([uint(1)]) }) })) },
  { mode: 'node', cls: 'issue10-bytes-as-array', hex: hexOf(struct({ extra_info: array([uint(1), UNDEFINED]), capabilities: struct({ tee: struct({ rak: array([]), rek: array([uint(9)]), attestation: array([]) }) }) })) },
  { mode: 'sgx', cls: 'bytes-as-array-hostile', hex: hexOf(struct({ v: uint(1), policy: struct({ pcs: struct({ tdx: struct({ allowed_tdx_modules: array([struct({ mr_seam: array([uint(1)]), mr_signer_seam: array(Array.from({ length: 50 }, () => uint(2))) })]) }) }) }) })) },
  // deep nesting past the end of a Go array counts from the real depth
  { mode: 'runtime', cls: 'bytes-as-array-hostile', hex: hexOf(struct({ id: array([...Array.from({ length: 32 }, () => uint(0)), raw('81'.repeat(29) + '00')]) })) },
  { mode: 'runtime', cls: 'bytes-as-array-hostile', hex: hexOf(struct({ id: array([...Array.from({ length: 32 }, () => uint(0)), raw('81'.repeat(30) + '00')]) })) },
  { mode: 'runtime', cls: 'bytes-as-array-hostile', hex: hexOf(struct({ admission_policy: struct({ entity_whitelist: struct({ entities: map([[array([...Array.from({ length: 32 }, () => uint(0)), raw('81'.repeat(26) + '00')]), map([])]]) }) }) })) },
  { mode: 'runtime', cls: 'bytes-as-array-hostile', hex: hexOf(struct({ admission_policy: struct({ entity_whitelist: struct({ entities: map([[array([...Array.from({ length: 32 }, () => uint(0)), raw('81'.repeat(27) + '00')]), map([])]]) }) }) })) },
  // CX7 + C4.11: a namespace from an array skips its flag check
  { mode: 'runtime', cls: 'issue10-bytes-as-array', hex: hexOf(struct({ id: array([uint(1)]) })) },
  { mode: 'node', cls: 'issue10-bytes-as-array', hex: hexOf(struct({ id: array([uint(0xff), uint(0xff)]) })) },
  // CX8: quantities as maps
  { mode: 'runtime', cls: 'issue10-quantity-empty-map', hex: hexOf(struct({ staking: struct({ slashing: map([[uint(0x80), struct({ amount: map([]), freeze_interval: uint(1) })]]), thresholds: map([[uint(2), map([])]]) }) })) },
  { mode: 'runtime', cls: 'issue10-quantity-empty-map', hex: hexOf(struct({ staking: struct({ min_in_message_fee: map([[k('x'), uint(1)]]) }) })) },
  { mode: 'runtime', cls: 'issue10-quantity-empty-map', hex: hexOf(struct({ staking: struct({ min_in_message_fee: raw('b800') }) })) },
  // CX9: TDX fields of any length
  { mode: 'sgx', cls: 'byte-length-any', hex: hexOf(struct({ v: uint(1), policy: struct({ pcs: struct({ tdx: struct({ allowed_tdx_modules: array([struct({ mr_seam: bytes([]), mr_signer_seam: bytes(z(60, 7)) })]) }) }) }) })) },
  { mode: 'sgx', cls: 'byte-length-any', hex: hexOf(struct({ v: uint(1), policy: struct({ pcs: struct({ tdx: struct({ allowed_tdx_modules: array([struct({ mr_signer_seam: bytes([1]) })]) }) }) }) })) },
  { mode: 'sgx', cls: 'byte-length-any', hex: hexOf(struct({ enclaves: array([struct({ mr_enclave: bytes(z(31)) })]) })) },
  { mode: 'node', cls: 'byte-length-any', hex: hexOf(struct({ capabilities: struct({ tee: struct({ rek: bytes([1]) }) }) })) }
]

// -------------------------------------------------------------------------------------------------
// one table row per leniency: what oasis-core accepts, the value it holds (its canonical
// re-encoding, as the Go oracle printed it), and the strict-mode rule that refuses it
// -------------------------------------------------------------------------------------------------

/** An input oasis-core accepts although no encoder of it writes such bytes. */
export interface Leniency {
  /** Starts with the strict-mode rule that refuses the input ("CX3: …"). */
  readonly title: string
  readonly mode: OracleCase['mode']
  readonly input: string
  /** Go's canonical re-encoding of what it decoded (checked against the oracle by test/schema/oracle.test.ts). */
  readonly go: string
  /** The strict-mode refusal: tag, path, offset. */
  readonly strict: { readonly tag: string; readonly path: string; readonly offset: number }
}

const z32 = z(32)
const seam = (n: number, b = 7): Item => bytes(z(n, b))
const tdx = (module: Record<string, Item>): Item =>
  struct({ v: uint(1), policy: struct({ pcs: struct({ tdx: struct({ allowed_tdx_modules: array([struct(module)]) }), tcb_validity_period: uint(1), min_tcb_evaluation_data_number: uint(1) }) }) })
const entities = (entries: Array<[Item, Item]>): Item => struct({ admission_policy: struct({ entity_whitelist: struct({ entities: map(entries) }) }) })
const ints = (n: number, v = 0): Item[] => Array.from({ length: n }, () => uint(v))

/** Map entries in RFC 7049 canonical order (shorter encoded key first, then bytewise), recursively. */
export const canon = (it: Item): Item => {
  if (it.t === 'array') return array(it.v.map(canon))
  if (it.t !== 'map') return it
  const entries = it.v.map(([key, value]) => [encode(key), key, canon(value)] as const)
  entries.sort(([a], [b]) => a.length - b.length || Buffer.compare(Buffer.from(a), Buffer.from(b)))
  return map(entries.map(([, key, value]) => [key, value]))
}
const canonHex = (it: Item): string => hexOf(canon(it))

/** Go's zero registry.Runtime, field by field (what oasis-core re-encodes for `{}`). */
const ZERO_RUNTIME: Readonly<Record<string, Item>> = {
  v: uint(0),
  id: bytes(z(32)),
  entity_id: bytes(z(32)),
  genesis: struct({ round: uint(0), state_root: bytes(z(32)) }),
  kind: uint(0),
  tee_hardware: uint(0),
  executor: struct({ group_size: uint(0), max_messages: uint(0), round_timeout: uint(0), group_backup_size: uint(0), allowed_stragglers: uint(0) }),
  storage: struct({ checkpoint_interval: uint(0), checkpoint_num_kept: uint(0), checkpoint_chunk_size: uint(0) }),
  admission_policy: map([]),
  governance_model: uint(0)
}
/** Go's canonical bytes of the zero Runtime with some fields set. */
const goRuntime = (fields: Record<string, Item>): string => canonHex(struct({ ...ZERO_RUNTIME, ...fields }))
/** Go's canonical bytes of the zero node.Runtime with some fields set. */
const goNode = (fields: Record<string, Item>): string =>
  canonHex(struct({ id: bytes(z(32)), version: map([]), extra_info: NULL, capabilities: map([]), ...fields }))

/**
 * The leniencies of oasis-core's decoder, one or more rows per strict-mode rule, with the value
 * oasis-core holds written out by hand in canonical form (the oracle test checks that Go prints
 * exactly these bytes).
 */
export const LENIENCIES: ReadonlyArray<Leniency> = [
  // CX1
  { title: 'CX1: bytes after a runtime descriptor', mode: 'runtime', input: 'a0' + '00', go: goRuntime({}), strict: { tag: 'TrailingBytes', path: '', offset: 1 } },
  { title: 'CX1: a lone break code after SGX constraints', mode: 'sgx', input: hexOf(struct({ v: uint(1) })) + 'ff', go: 'a1617601', strict: { tag: 'TrailingBytes', path: '', offset: 4 } },
  { title: 'CX1: a malformed head after a node runtime entry', mode: 'node', input: 'a0' + '1c', go: goNode({}), strict: { tag: 'TrailingBytes', path: '', offset: 1 } },
  // CX2
  { title: 'CX2: "Kind" names kind', mode: 'runtime', input: hexOf(struct({ Kind: uint(1) })), go: goRuntime({ kind: uint(1) }), strict: { tag: 'CaseVariantKey', path: 'Kind', offset: 1 } },
  { title: 'CX2: "GENESIS" and "Round" name genesis.round', mode: 'runtime', input: hexOf(struct({ GENESIS: struct({ Round: uint(7) }) })), go: goRuntime({ genesis: struct({ round: uint(7), state_root: bytes(z32) }) }), strict: { tag: 'CaseVariantKey', path: 'GENESIS', offset: 1 } },
  { title: 'CX2: "V": 1 picks the SGX v1 layout', mode: 'sgx', input: hexOf(struct({ V: uint(1), Max_Attestation_Age: uint(5) })), go: canonHex(struct({ v: uint(1), max_attestation_age: uint(5) })), strict: { tag: 'CaseVariantKey', path: 'V', offset: 1 } },
  { title: 'CX2: "Gas_Costs" names gas_costs (its op keys stay as written)', mode: 'params', input: hexOf(struct({ Gas_Costs: struct({ Register_Runtime: uint(1) }) })), go: canonHex(gas([[k('Register_Runtime'), uint(1)]])), strict: { tag: 'CaseVariantKey', path: 'Gas_Costs', offset: 1 } },
  // CX3
  { title: 'CX3: simple value 1 (e1) as kind', mode: 'runtime', input: hexOf(struct({ kind: simple(1) })), go: goRuntime({ kind: uint(1) }), strict: { tag: 'SimpleValueNotAllowed', path: 'kind', offset: 6 } },
  { title: 'CX3: two-byte simple value 32 (f8 20) as v', mode: 'runtime', input: hexOf(struct({ v: raw('f820') })), go: goRuntime({ v: uint(32) }), strict: { tag: 'SimpleValueNotAllowed', path: 'v', offset: 3 } },
  { title: 'CX3: undefined (f7) as kind reads as 0', mode: 'runtime', input: hexOf(struct({ kind: UNDEFINED })), go: goRuntime({}), strict: { tag: 'SimpleValueNotAllowed', path: 'kind', offset: 6 } },
  { title: 'CX3: SGX version as simple value 1 (e1)', mode: 'sgx', input: hexOf(struct({ v: simple(1) })), go: 'a1617601', strict: { tag: 'SimpleValueNotAllowed', path: 'v', offset: 3 } },
  { title: 'CX3: a quote status as simple value 19 (f3)', mode: 'sgx', input: hexOf(struct({ allowed_quote_statuses: array([simple(19)]) })), go: canonHex(struct({ allowed_quote_statuses: array([uint(19)]) })), strict: { tag: 'SimpleValueNotAllowed', path: 'allowed_quote_statuses[0]', offset: 25 } },
  { title: 'CX3: a gas cost as f8 ff', mode: 'params', input: hexOf(gas([[k('x'), raw('f8ff')]])), go: canonHex(gas([[k('x'), uint(255)]])), strict: { tag: 'SimpleValueNotAllowed', path: 'gas_costs[x]', offset: 14 } },
  { title: 'CX3: a top-level undefined reads as zero SGX constraints (v0)', mode: 'sgx', input: 'f7', go: 'a0', strict: { tag: 'SimpleValueNotAllowed', path: '', offset: 0 } },
  // CX4
  { title: 'CX4: null kind, genesis, executor and admission_policy read as zero', mode: 'runtime', input: hexOf(struct({ kind: NULL, genesis: NULL, executor: NULL, admission_policy: NULL })), go: goRuntime({}), strict: { tag: 'NullNotAllowed', path: 'kind', offset: 6 } },
  { title: 'CX4: a null deployment is a nil entry, written null', mode: 'runtime', input: hexOf(struct({ deployments: array([NULL]) })), go: goRuntime({ deployments: array([NULL]) }), strict: { tag: 'NullNotAllowed', path: 'deployments[0]', offset: 14 } },
  { title: 'CX4: null at the top is the zero descriptor', mode: 'runtime', input: 'f6', go: goRuntime({}), strict: { tag: 'NullNotAllowed', path: '', offset: 0 } },
  { title: 'CX4: a null enclave is the zero enclave', mode: 'sgx', input: hexOf(struct({ enclaves: array([NULL]) })), go: canonHex(struct({ enclaves: array([struct({ mr_enclave: bytes(z32), mr_signer: bytes(z32) })]) })), strict: { tag: 'NullNotAllowed', path: 'enclaves[0]', offset: 11 } },
  { title: 'CX4: null capabilities and version of a node runtime', mode: 'node', input: hexOf(struct({ capabilities: NULL, version: NULL })), go: goNode({}), strict: { tag: 'NullNotAllowed', path: 'capabilities', offset: 14 } },
  { title: 'CX4: a null max_nodes value repeats the previous one (Go reuses its variable)', mode: 'runtime', input: hexOf(entities([[bytes(z32), struct({ max_nodes: map([[uint(1), uint(3)], [uint(2), NULL]]) })]])), go: goRuntime({ admission_policy: struct({ entity_whitelist: struct({ entities: map([[bytes(z32), struct({ max_nodes: map([[uint(1), uint(3)], [uint(2), uint(3)]]) })]]) }) }) }), strict: { tag: 'NullNotAllowed', path: `admission_policy.entity_whitelist.entities[${'00'.repeat(32)}].max_nodes[2]`, offset: 96 } },
  { title: 'CX4: a null gas cost repeats the previous one', mode: 'params', input: hexOf(gas([[k('a'), uint(5)], [k('b'), NULL]])), go: canonHex(gas([[k('a'), uint(5)], [k('b'), uint(5)]])), strict: { tag: 'NullNotAllowed', path: 'gas_costs[b]', offset: 17 } },
  { title: 'CX3: an undefined governance model flag repeats the previous one (Go reuses its variable)', mode: 'params', input: hexOf(struct({ enable_runtime_governance_models: map([[uint(1), simple(21)], [uint(2), UNDEFINED]]) })), go: canonHex(struct({ enable_runtime_governance_models: map([[uint(1), simple(21)], [uint(2), simple(21)]]) })), strict: { tag: 'SimpleValueNotAllowed', path: 'enable_runtime_governance_models[2]', offset: 39 } },
  { title: 'CX4: a null threshold is zero (a struct value is zeroed)', mode: 'runtime', input: hexOf(struct({ staking: struct({ thresholds: map([[uint(2), bytes([1])], [uint(3), NULL]]) }) })), go: goRuntime({ staking: struct({ thresholds: map([[uint(2), bytes([1])], [uint(3), bytes([])]]) }) }), strict: { tag: 'NullNotAllowed', path: 'staking.thresholds[3]', offset: 26 } },
  // CX5
  { title: 'CX5: a null committee key is 0', mode: 'runtime', input: hexOf(struct({ constraints: map([[NULL, map([])]]) })), go: goRuntime({ constraints: map([[uint(0), map([])]]) }), strict: { tag: 'UnsupportedKey', path: 'constraints', offset: 14 } },
  { title: 'CX5: an undefined gas op is ""', mode: 'params', input: hexOf(gas([[UNDEFINED, uint(1)]])), go: canonHex(gas([[k(''), uint(1)]])), strict: { tag: 'UnsupportedKey', path: 'gas_costs', offset: 12 } },
  { title: 'CX5: an array entity key is filled element by element', mode: 'runtime', input: hexOf(entities([[array([uint(1), uint(2)]), map([])]])), go: goRuntime({ admission_policy: struct({ entity_whitelist: struct({ entities: map([[bytes([1, 2, ...z(30)]), map([])]]) }) }) }), strict: { tag: 'UnsupportedKey', path: 'admission_policy.entity_whitelist.entities', offset: 47 } },
  { title: 'CX5: a null entity key is the zero key', mode: 'runtime', input: hexOf(entities([[NULL, map([])]])), go: goRuntime({ admission_policy: struct({ entity_whitelist: struct({ entities: map([[bytes(z32), map([])]]) }) }) }), strict: { tag: 'UnsupportedKey', path: 'admission_policy.entity_whitelist.entities', offset: 47 } },
  { title: 'CX5: a simple-value threshold key (e2) is 2', mode: 'runtime', input: hexOf(struct({ staking: struct({ thresholds: map([[simple(2), bytes([1])]]) }) })), go: goRuntime({ staking: struct({ thresholds: map([[uint(2), bytes([1])]]) }) }), strict: { tag: 'UnsupportedKey', path: 'staking.thresholds', offset: 22 } },
  // CX7
  { title: 'CX7: an empty array as the id is the zero namespace', mode: 'runtime', input: hexOf(struct({ id: array([]) })), go: goRuntime({}), strict: { tag: 'BytesAsArray', path: 'id', offset: 4 } },
  { title: 'CX7: an id from an array skips the namespace flag check (Go cannot read its own re-encoding back)', mode: 'runtime', input: hexOf(struct({ id: array([uint(1)]) })), go: goRuntime({ id: bytes([1, ...z(31)]) }), strict: { tag: 'BytesAsArray', path: 'id', offset: 4 } },
  { title: 'CX7: elements past 32 are only checked as well-formed (a float, invalid UTF-8, duplicate keys)', mode: 'runtime', input: hexOf(struct({ entity_id: array([...ints(32, 9), half(0x3c00), { t: 'text', v: Uint8Array.of(0xff) }, map([[uint(1), uint(1)], [uint(1), uint(1)]])]) })), go: goRuntime({ entity_id: bytes(z(32, 9)) }), strict: { tag: 'BytesAsArray', path: 'entity_id', offset: 11 } },
  { title: 'CX7: array elements may be simple values, null and undefined (0)', mode: 'runtime', input: hexOf(struct({ entity_id: array([simple(3), raw('f8ff'), NULL, UNDEFINED, raw('1801')]) })), go: goRuntime({ entity_id: bytes([3, 255, 0, 0, 1, ...z(27)]) }), strict: { tag: 'BytesAsArray', path: 'entity_id', offset: 11 } },
  { title: 'CX7: tee and bundle_checksum as arrays ([] is present but empty)', mode: 'runtime', input: hexOf(dep({ tee: array([uint(0xa0)]), bundle_checksum: array([]) })), go: goRuntime({ deployments: array([struct({ tee: bytes([0xa0]), version: struct({ major: uint(1) }), valid_from: uint(1) })]) }), strict: { tag: 'BytesAsArray', path: 'deployments[0].tee', offset: 47 } },
  { title: 'CX7: extra_info, rak and rek of a node runtime as arrays', mode: 'node', input: hexOf(struct({ extra_info: array([uint(1), UNDEFINED]), capabilities: struct({ tee: struct({ rak: array([]), rek: array([uint(9)]), attestation: array([]) }) }) })), go: goNode({ extra_info: bytes([1, 0]), capabilities: struct({ tee: struct({ rak: bytes(z32), rek: bytes([9, ...z(31)]), hardware: uint(0), attestation: bytes([]) }) }) }), strict: { tag: 'BytesAsArray', path: 'extra_info', offset: 12 } },
  { title: 'CX7: mr_enclave as a short array, zero-filled', mode: 'sgx', input: hexOf(struct({ enclaves: array([struct({ mr_enclave: array([uint(5)]) })]) })), go: canonHex(struct({ enclaves: array([struct({ mr_enclave: bytes([5, ...z(31)]), mr_signer: bytes(z32) })]) })), strict: { tag: 'BytesAsArray', path: 'enclaves[0].mr_enclave', offset: 23 } },
  // CX8
  { title: 'CX8: an empty map as min_in_message_fee is zero', mode: 'runtime', input: hexOf(struct({ staking: struct({ min_in_message_fee: map([]) }) })), go: goRuntime({}), strict: { tag: 'QuantityAsMap', path: 'staking.min_in_message_fee', offset: 29 } },
  { title: 'CX8: an empty map as a slash amount and a threshold is zero', mode: 'runtime', input: hexOf(struct({ staking: struct({ slashing: map([[uint(0x80), struct({ amount: map([]), freeze_interval: uint(1) })]]), thresholds: map([[uint(2), map([])]]) }) })), go: goRuntime({ staking: struct({ slashing: map([[uint(0x80), struct({ amount: bytes([]), freeze_interval: uint(1) })]]), thresholds: map([[uint(2), bytes([])]]) }) }), strict: { tag: 'QuantityAsMap', path: 'staking.slashing[128].amount', offset: 30 } },
  // CX9
  { title: 'CX9: a 47-byte mr_signer_seam is zero-filled to 48', mode: 'sgx', input: hexOf(tdx({ mr_signer_seam: seam(47) })), go: canonHex(tdx({ mr_signer_seam: bytes([...z(47, 7), 0]) })), strict: { tag: 'InexactByteLength', path: 'policy.pcs.tdx.allowed_tdx_modules[0].mr_signer_seam', offset: 59 } },
  { title: 'CX9: a 60-byte mr_signer_seam and an empty mr_seam are cut and filled to 48', mode: 'sgx', input: hexOf(tdx({ mr_seam: bytes([]), mr_signer_seam: seam(60) })), go: canonHex(tdx({ mr_seam: bytes(z(48)), mr_signer_seam: seam(48) })), strict: { tag: 'InexactByteLength', path: 'policy.pcs.tdx.allowed_tdx_modules[0].mr_seam', offset: 52 } }
]
