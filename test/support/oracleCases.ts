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
  readonly mode: 'runtime' | 'sgx'
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

/** Minimal inputs, one per known class (issue 10's table and spec/codec.md CX1–CX5). */
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
  { mode: 'sgx', cls: 'case-variant-key', hex: toHex(encode(struct({ V: uint(1) }))) }
]
