/**
 * Catalogue of malformed and hostile inputs: every case names the rule it covers and the exact
 * typed error strict mode gives (`_tag`, `rule`, and `path` / `offset` where they mean
 * something), and what the default mode (oasis-core's decoder) does with it where that differs:
 * accept it, holding the value Go holds (given as its canonical bytes), or refuse it otherwise.
 * Inputs are built by hand as CBOR bytes, mostly by patching the R1 vector (oasis-vectors.md
 * §1), so each one differs from a valid descriptor in exactly one place.
 */
import { bytesToHex, concatBytes } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  DECODE_ERROR_RULES,
  type DecodeError,
  type DecodeErrorTag,
  type DecodeOptions,
  decodeConsensusParameters,
  decodeNodeRuntime,
  decodeRuntime,
  decodeSgxConstraints,
  encodeConsensusParameters,
  encodeNodeRuntime,
  encodeRuntime,
  encodeSgxConstraints,
  type EncodeError,
  type Runtime,
  readCbor
} from '../../src/index.js'

// -------------------------------------------------------------------------------------------------
// hand-made CBOR
// -------------------------------------------------------------------------------------------------

type Bytes = Uint8Array
type Part = Bytes | string

const hex = (s: string): Bytes => {
  const clean = s.replace(/\s+/g, '')
  if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) throw new Error(`bad hex ${s}`)
  return Uint8Array.from(Buffer.from(clean, 'hex'))
}

/** Concatenate byte arrays and hex strings. */
const cat = (...parts: Part[]): Bytes => concatBytes(...parts.map((p) => (typeof p === 'string' ? hex(p) : p)))

/** Shortest head of major type `major` with argument `n`. */
const head = (major: number, n: number | bigint): Bytes => {
  const v = BigInt(n)
  const mt = major << 5
  if (v < 24n) return Uint8Array.of(mt | Number(v))
  if (v < 0x100n) return Uint8Array.of(mt | 24, Number(v))
  if (v < 0x10000n) return Uint8Array.of(mt | 25, Number(v >> 8n), Number(v & 0xffn))
  if (v < 0x100000000n) {
    return Uint8Array.of(mt | 26, ...[24n, 16n, 8n, 0n].map((s) => Number((v >> s) & 0xffn)))
  }
  return Uint8Array.of(mt | 27, ...[56n, 48n, 40n, 32n, 24n, 16n, 8n, 0n].map((s) => Number((v >> s) & 0xffn)))
}

const uint = (n: number | bigint): Bytes => head(0, n)
const nint = (n: number | bigint): Bytes => head(1, -1n - BigInt(n))
const txt = (s: string): Bytes => {
  const b = new TextEncoder().encode(s)
  return cat(head(3, b.length), b)
}
const fill = (len: number, byte = 0): Bytes => new Uint8Array(len).fill(byte)
const bstr = (b: Bytes): Bytes => cat(head(2, b.length), b)
/** A map; string keys become text keys, byte keys are used as already-encoded items. */
const cmap = (...entries: Array<readonly [string | Bytes, Bytes]>): Bytes =>
  cat(head(5, entries.length), ...entries.flatMap(([k, v]) => [typeof k === 'string' ? txt(k) : k, v]))
const carr = (...items: Bytes[]): Bytes => cat(head(4, items.length), ...items)
const NULL = hex('f6')
const EMPTY_MAP = hex('a0')

/** Byte offset of the one occurrence of `needle` in `hay` (fails the test if not exactly one). */
const find = (hay: Bytes, needle: Bytes, from = 0): number => {
  const hits: number[] = []
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer
    hits.push(i)
  }
  if (hits.length !== 1) throw new Error(`needle ${bytesToHex(needle)} found ${hits.length} times`)
  return hits[0]!
}
/** Offset of the item right after the one occurrence of `needle` (e.g. a key: its value). */
const after = (hay: Bytes, needle: Bytes, from = 0): number => find(hay, needle, from) + needle.length

// -------------------------------------------------------------------------------------------------
// R1 (oasis-vectors.md §1) as a field list, so single fields can be replaced
// -------------------------------------------------------------------------------------------------

const R1_HEX =
  'aa61760062696458200000000000000000000000000000000000000000000000000000000000000000646b696e64006767656e65736973a265726f756e64006a73746174655f726f6f74582000000000000000000000000000000000000000000000000000000000000000006773746f72616765a373636865636b706f696e745f696e74657276616c0073636865636b706f696e745f6e756d5f6b6570740075636865636b706f696e745f6368756e6b5f73697a6500686578656375746f72a56a67726f75705f73697a65006c6d61785f6d65737361676573006d726f756e645f74696d656f7574007167726f75705f6261636b75705f73697a650072616c6c6f7765645f7374726167676c6572730069656e746974795f6964582000000000000000000000000000000000000000000000000000000000000000006c7465655f6861726477617265007061646d697373696f6e5f706f6c696379a168616e795f6e6f6465a070676f7665726e616e63655f6d6f64656c00'
const R1 = hex(R1_HEX)

type Fields = ReadonlyArray<readonly [string | Bytes, Bytes]>

const genesisOf = (round: Bytes = uint(0), stateRoot: Bytes = bstr(fill(32))): Bytes =>
  cmap(['round', round], ['state_root', stateRoot])
const executorOf = (groupSize: Bytes = uint(0), roundTimeout: Bytes = uint(0)): Bytes =>
  cmap(
    ['group_size', groupSize],
    ['max_messages', uint(0)],
    ['round_timeout', roundTimeout],
    ['group_backup_size', uint(0)],
    ['allowed_stragglers', uint(0)]
  )
const STORAGE = cmap(['checkpoint_interval', uint(0)], ['checkpoint_num_kept', uint(0)], ['checkpoint_chunk_size', uint(0)])
const ADMISSION = cmap(['any_node', EMPTY_MAP])

const R1_FIELDS: Fields = [
  ['v', uint(0)],
  ['id', bstr(fill(32))],
  ['kind', uint(0)],
  ['genesis', genesisOf()],
  ['storage', STORAGE],
  ['executor', executorOf()],
  ['entity_id', bstr(fill(32))],
  ['tee_hardware', uint(0)],
  ['admission_policy', ADMISSION],
  ['governance_model', uint(0)]
]

/** R1 with some fields replaced (same position) and others appended at the end (in order given). */
const r1With = (changes: Record<string, Bytes | undefined>, drop: string[] = []): Bytes => {
  const seen = new Set<string>()
  const fields: Array<readonly [string | Bytes, Bytes]> = []
  for (const [k, v] of R1_FIELDS) {
    if (typeof k === 'string' && drop.includes(k)) continue
    if (typeof k === 'string' && k in changes) {
      seen.add(k)
      const nv = changes[k]
      if (nv !== undefined) fields.push([k, nv])
    } else fields.push([k, v])
  }
  for (const [k, v] of Object.entries(changes)) if (!seen.has(k) && v !== undefined) fields.push([k, v])
  return cmap(...fields)
}
/** R1 with raw extra entries appended (keys already encoded). */
const r1Plus = (...extra: Array<readonly [Bytes, Bytes]>): Bytes => cmap(...R1_FIELDS, ...extra)
/** R1 with fields replaced or added, in canonical key order: what a canonical encoder writes. */
const r1Canonical = (changes: Record<string, Bytes>): Bytes => {
  const fields = new Map<string, Bytes>(R1_FIELDS.map(([k, v]) => [k as string, v]))
  for (const [k, v] of Object.entries(changes)) fields.set(k, v)
  const key = (k: string): string => `${String(k.length).padStart(3, '0')}${k}`
  return cmap(...[...fields.entries()].sort(([a], [b]) => (key(a) < key(b) ? -1 : 1)))
}

const deployment = (over: Record<string, Bytes> = {}): Bytes => {
  const base: Record<string, Bytes> = { version: cmap(['major', uint(1)]), valid_from: uint(5), ...over }
  return cmap(...Object.entries(base))
}
const withDeployments = (...items: Bytes[]): Bytes => r1With({ deployments: carr(...items) })

// Byte-string keys / inputs used below.
const K_KIND = txt('kind')
const K_VALID_FROM = txt('valid_from')
const KEY_A = fill(32, 0xaa)
const KEY_B = fill(32, 0xbb)

// SGX constraints (oasis-vectors.md §4, sgx_constraints_v0.bin).
const SGX_V0_HEX =
  'a168656e636c6176657381a2696d725f7369676e657258204025dab7ebda1fbecc4e3637606e021214d0f41c6d0422fd378b2a8b888184596a6d725f656e636c6176655820a22260aded1c0c5e5aad493dc21d17f5e196af97076fc2d8d00dff9ac9b39c77'
const SGX_V0 = hex(SGX_V0_HEX)
const enclave = (mrEnclave: Bytes = bstr(fill(32, 1)), mrSigner: Bytes = bstr(fill(32, 2))): Bytes =>
  cmap(['mr_signer', mrSigner], ['mr_enclave', mrEnclave])
const tdxModule = (signerSeam: Bytes): Bytes => cmap(['mr_signer_seam', signerSeam])
const pcsPolicy = (...extra: Array<readonly [string, Bytes]>): Bytes =>
  cmap(...extra, ['tcb_validity_period', uint(30)], ['min_tcb_evaluation_data_number', uint(16)])
const sgxV1 = (...extra: Array<readonly [string, Bytes]>): Bytes => cmap(['v', uint(1)], ...extra)

// Node runtime entry (as in N3a's second runtime).
const NODE_ID = cat('80', fill(30), '11')
const nodeRuntime = (over: Record<string, Bytes> = {}): Bytes => {
  const base: Record<string, Bytes> = {
    id: bstr(NODE_ID),
    version: cmap(['patch', uint(123)]),
    extra_info: NULL,
    capabilities: cmap(['tee', cmap(['rak', bstr(fill(32, 0xf8))], ['hardware', uint(1)], ['attestation', bstr(hex('000102'))])]),
    ...over
  }
  return cmap(...Object.entries(base))
}

// -------------------------------------------------------------------------------------------------
// the catalogue
// -------------------------------------------------------------------------------------------------

type Decoder = (bytes: Uint8Array, opts?: DecodeOptions) => E.Either<DecodeError, unknown>

/** A refusal: its tag, and where. */
interface Refused {
  readonly tag: DecodeErrorTag
  /** Expected `path`; `''` is the root. Checked when given. */
  readonly path?: string
  /** Pattern for the path, where the exact rendering is not part of the contract (invalid map keys). */
  readonly pathMatch?: RegExp
  /** Expected `offset`. Checked when given. */
  readonly offset?: number
}

/** A catalogue entry: the strict-mode refusal, and the default mode's verdict where it differs. */
interface Case extends Refused {
  readonly title: string
  readonly input: Bytes
  readonly decode?: Decoder
  readonly opts?: DecodeOptions
  /**
   * The default mode, when it differs from strict mode: oasis-core accepts the input (the
   * canonical bytes of the value it holds), or refuses it with another error.
   */
  readonly dflt?: { readonly accepts: Bytes } | Refused
}

const rt: Decoder = decodeRuntime
const sgx: Decoder = decodeSgxConstraints
const node: Decoder = decodeNodeRuntime
const params: Decoder = decodeConsensusParameters
const ENCODERS = new Map<Decoder, (v: never) => E.Either<EncodeError, Uint8Array>>([
  [rt, encodeRuntime],
  [sgx, encodeSgxConstraints],
  [node, encodeNodeRuntime],
  [params, encodeConsensusParameters]
])
/** The generic reader, for limits that no schema position reaches (deep nesting). */
const generic: Decoder = (bytes) => readCbor(bytes)

const KIND_AT = 46 // R1: aa 617600 626964 5820<32> 646b696e64 | 00
const ID_AT = 7 // R1: aa 617600 626964 | 5820<32>

const cases = (): Case[] => {
  const out: Case[] = []
  const add = (c: Case): void => {
    out.push(c)
  }

  // ---------------------------------------------------------------- C4.1 Truncated / MalformedItem
  add({ title: 'C4.1: empty input', input: new Uint8Array(0), tag: 'Truncated', path: '', offset: 0 })
  add({ title: 'C4.1: R1 cut after its map head', input: R1.slice(0, 1), tag: 'Truncated', path: '', offset: 0 })
  add({ title: 'C4.1: R1 cut inside the "kind" key text', input: R1.slice(0, 44), tag: 'Truncated', offset: 41 })
  add({ title: 'C4.1: R1 cut inside the 32-byte id', input: R1.slice(0, 30), tag: 'Truncated', offset: ID_AT })
  add({ title: 'C4.1: R1 cut where its 10 pairs cannot fit in what is left (19 bytes)', input: R1.slice(0, 20), tag: 'Truncated', offset: 0 })
  add({ title: 'C4.1: R1 cut before its last value byte', input: R1.slice(0, R1.length - 1), tag: 'Truncated', offset: R1.length - 1 })
  add({ title: 'C4.1: input ends right after a byte-string head (5820)', input: cat(cmap(['id', hex('')]), '5820'), tag: 'Truncated', offset: 4 })
  add({ title: 'C4.1: truncated 2-byte integer head (19 01)', input: hex('1901'), tag: 'Truncated', offset: 0 })
  add({ title: 'C4.1: truncated 8-byte integer head (1b 000000)', input: hex('1b000000'), tag: 'Truncated', offset: 0 })
  add({ title: 'C4.1: byte-string head missing its length byte (58)', input: hex('58'), tag: 'Truncated', offset: 0 })
  add({ title: 'C4.1: map with a key and no value', input: hex('a1 6176'), tag: 'Truncated', offset: 3 })
  add({
    title: 'C4.1: truncated integer head inside a field (kind: 1a 0000)',
    input: cat(R1.slice(0, KIND_AT), '1a0000'),
    tag: 'Truncated',
    offset: KIND_AT
  })
  add({
    title: 'C4.1: 20-byte input whose array head claims 10,000,000 items (at the limit)',
    input: cat('9a00989680', fill(15)),
    tag: 'Truncated',
    path: '',
    offset: 0
  })
  add({
    title: 'C4.1: 20-byte input whose map head claims 5,000,000 pairs',
    input: cat('ba004c4b40', fill(15)),
    tag: 'Truncated',
    offset: 0
  })
  add({
    title: 'C4.1: map head claiming 10,000,000 pairs with 20 bytes of input',
    input: cat('ba00989680', fill(15)),
    tag: 'Truncated',
    offset: 0
  })
  add({
    title: 'C4.1: byte string claiming 2^64-1 bytes',
    input: hex('5bffffffffffffffff 00'),
    tag: 'Truncated',
    offset: 0
  })
  add({
    title: 'C4.1: text string claiming 2^32 bytes inside a field',
    input: cat(R1.slice(0, KIND_AT), '7b0000000100000000', 'ff'),
    tag: 'Truncated',
    offset: KIND_AT
  })
  add({ title: 'C4.1: reserved additional information 28 (1c)', input: hex('1c'), tag: 'MalformedItem', offset: 0 })
  add({ title: 'C4.1: reserved additional information 29 in a byte-string head (5d)', input: hex('5d'), tag: 'MalformedItem', offset: 0 })
  add({ title: 'C4.1: reserved additional information 30 in a map head (be)', input: hex('be'), tag: 'MalformedItem', offset: 0 })
  add({ title: 'C4.1: reserved additional information 30 in a negative integer (3e)', input: hex('3e'), tag: 'MalformedItem', offset: 0 })
  add({ title: 'C4.1: reserved simple/float head 28 (fc)', input: hex('fc'), tag: 'MalformedItem', offset: 0 })
  add({ title: 'C4.1: reserved additional information 28 in a tag head (dc) is malformed, not a tag', input: hex('dc00'), tag: 'MalformedItem', offset: 0 })
  add({ title: 'C4.1: tag head with additional information 31 (df)', input: hex('df00'), tag: 'MalformedItem', offset: 0 })
  add({ title: 'C4.1: unexpected break code at the top (ff)', input: hex('ff'), tag: 'MalformedItem', path: '', offset: 0 })
  add({ title: 'C4.1: break code as the kind value', input: r1With({ kind: hex('ff') }), tag: 'MalformedItem', offset: KIND_AT })
  add({ title: 'C4.1: unsigned integer with additional information 31 (1f)', input: hex('1f'), tag: 'MalformedItem', offset: 0 })
  add({
    title: 'C4.1: reserved additional information 29 as a deployment valid_from',
    input: withDeployments(deployment({ valid_from: hex('1d') })),
    tag: 'MalformedItem',
    offset: after(withDeployments(deployment({ valid_from: hex('1d') })), K_VALID_FROM)
  })

  // ---------------------------------------------------------------- C4.2 DuplicateKey
  {
    const input = r1Plus([K_KIND, uint(1)])
    add({ title: 'C4.2: duplicate text key "kind" at the top level', input, tag: 'DuplicateKey', path: 'kind', offset: R1.length })
  }
  {
    const g = cmap(['round', uint(0)], ['state_root', bstr(fill(32))], ['round', uint(1)])
    const input = r1With({ genesis: g })
    const secondRound = find(input, txt('round'), after(input, txt('state_root')))
    add({ title: 'C4.2: duplicate text key "round" nested in genesis', input, tag: 'DuplicateKey', path: 'genesis.round', offset: secondRound })
  }
  {
    const input = r1With({ constraints: cat('a2', '01a0', '01a0') })
    const c = after(input, txt('constraints'))
    add({ title: 'C4.2: duplicate integer key 1 in constraints', input, tag: 'DuplicateKey', path: 'constraints[1]', offset: c + 3 })
  }
  {
    const input = r1With({ constraints: cat('a2', '01a0', '1801a0') })
    const c = after(input, txt('constraints'))
    add({ title: 'C4.2: integer key 1 twice in two encodings (01 and 18 01)', input, tag: 'DuplicateKey', path: 'constraints[1]', offset: c + 3 })
  }
  {
    const input = r1With({ constraints: cat('a1', '01', 'a2', '1b0000000000000002a0', '02a0') })
    const c = after(input, txt('constraints'))
    add({
      title: 'C4.2: inner role key 2 twice (1b 0000000000000002 and 02)',
      input,
      tag: 'DuplicateKey',
      path: 'constraints[1][2]',
      offset: c + 3 + 10
    })
  }
  {
    const ents = cat('a2', bstr(KEY_A), EMPTY_MAP, bstr(KEY_A), EMPTY_MAP)
    const input = r1With({ admission_policy: cmap(['entity_whitelist', cmap(['entities', ents])]) })
    const e = after(input, txt('entities'))
    add({
      title: 'C4.2: duplicate 32-byte entity key in entities',
      input,
      tag: 'DuplicateKey',
      path: `admission_policy.entity_whitelist.entities[${bytesToHex(KEY_A)}]`,
      offset: e + 1 + 34 + 1
    })
  }
  add({
    title: 'C4.2: duplicate "v" key in SGX constraints',
    decode: sgx,
    input: cat('a2', '617601', '617601'),
    tag: 'DuplicateKey',
    offset: 4
  })
  add({
    title: 'C4.2: duplicate op in consensus gas_costs',
    decode: params,
    input: cmap(['gas_costs', cat('a2', txt('register_runtime'), uint(1), txt('register_runtime'), uint(2))]),
    tag: 'DuplicateKey',
    path: 'gas_costs[register_runtime]',
    offset: 1 + 10 + 1 + 17 + 1
  })

  // ---------------------------------------------------------------- C4.3 IndefiniteLength
  add({ title: 'C4.3: indefinite-length byte string (5f)', input: hex('5f 4100 ff'), tag: 'IndefiniteLength', offset: 0 })
  add({ title: 'C4.3: indefinite-length text string (7f)', input: hex('7f 6161 ff'), tag: 'IndefiniteLength', offset: 0 })
  add({ title: 'C4.3: indefinite-length array (9f)', input: hex('9f ff'), tag: 'IndefiniteLength', path: '', offset: 0 })
  add({ title: 'C4.3: indefinite-length map at the top (bf)', input: cat('bf', R1.slice(1), 'ff'), tag: 'IndefiniteLength', offset: 0 })
  {
    const input = r1With({ genesis: cat('bf', genesisOf().slice(1), 'ff') })
    add({ title: 'C4.3: indefinite-length map as genesis', input, tag: 'IndefiniteLength', offset: after(input, txt('genesis')) })
  }
  add({ title: 'C4.3: indefinite-length text as a map key', input: hex('a1 7f 6176 ff 00'), tag: 'IndefiniteLength', offset: 1 })
  {
    const input = r1With({ id: cat('5f', bstr(fill(16)), bstr(fill(16)), 'ff') })
    add({ title: 'C4.3: id as a chunked indefinite byte string', input, tag: 'IndefiniteLength', offset: ID_AT })
  }

  // ---------------------------------------------------------------- C4.4 TagNotAllowed
  add({ title: 'C4.4: self-describe tag 55799 before R1', input: cat('d9d9f7', R1), tag: 'TagNotAllowed', path: '', offset: 0 })
  {
    const input = withDeployments(deployment({ valid_from: hex('c2 4101') }))
    add({ title: 'C4.4: bignum tag 2 as a deployment valid_from', input, tag: 'TagNotAllowed', offset: after(input, K_VALID_FROM) })
  }
  add({ title: 'C4.4: tag 64 (uint8 typed array) on the id', input: r1With({ id: cat('d840', bstr(fill(32))) }), tag: 'TagNotAllowed', offset: ID_AT })
  add({ title: 'C4.4: tag 1 (epoch time) on kind', input: r1With({ kind: hex('c101') }), tag: 'TagNotAllowed', offset: KIND_AT })
  {
    const input = withDeployments(deployment({ tee: cat('d818', bstr(SGX_V0)) }))
    add({ title: 'C4.4: tag 24 (embedded CBOR) on tee', input, tag: 'TagNotAllowed', offset: after(input, txt('tee')) })
  }
  add({ title: 'C4.4: tag 3 (negative bignum) in SGX max_attestation_age', decode: sgx, input: sgxV1(['max_attestation_age', hex('c34101')]), tag: 'TagNotAllowed', offset: 4 + 20 })

  // ---------------------------------------------------------------- C4.5 UnknownField
  {
    const input = r1Plus([txt('foo'), uint(0)])
    add({ title: 'C4.5: unknown top-level field "foo"', input, tag: 'UnknownField', path: 'foo', offset: R1.length })
  }
  {
    const input = r1With({ kind: undefined, Kind: uint(1) })
    add({ title: 'CX2: case-variant key "Kind" (oasis-core folds case)', input, tag: 'CaseVariantKey', path: 'Kind', offset: find(input, txt('Kind')), dflt: { accepts: r1With({ kind: uint(1) }) } })
  }
  {
    const input = r1With({ genesis: cmap(['round', uint(0)], ['State_root', bstr(fill(32))]) })
    add({ title: 'CX2: case-variant nested key "State_root"', input, tag: 'CaseVariantKey', path: 'genesis.State_root', offset: find(input, txt('State_root')), dflt: { accepts: R1 } })
  }
  {
    const input = r1With({ executor: cat(executorOf().slice(0, 1).map((b) => b + 1), executorOf().slice(1), txt('group'), uint(1)) })
    add({ title: 'C4.5: unknown field in executor', input, tag: 'UnknownField', path: 'executor.group', offset: find(input, txt('group')) })
  }
  {
    const input = r1With({ admission_policy: cmap(['any_node', cmap(['x', uint(0)])]) })
    add({ title: 'C4.5: a field inside the field-less any_node', input, tag: 'UnknownField', path: 'admission_policy.any_node.x', offset: after(input, txt('any_node')) + 1 })
  }
  {
    const input = withDeployments(deployment({ validFrom: uint(1) }))
    add({ title: 'C4.5: camelCase "validFrom" in a deployment', input, tag: 'UnknownField', path: 'deployments[0].validFrom', offset: find(input, txt('validFrom')) })
  }
  add({ title: 'C4.5: "__proto__" as a top-level key', input: r1Plus([txt('__proto__'), EMPTY_MAP]), tag: 'UnknownField', path: '__proto__', offset: R1.length })
  add({ title: 'C4.5: "constructor" as a consensus parameter', decode: params, input: cmap(['constructor', uint(1)]), tag: 'UnknownField', path: 'constructor', offset: 1 })
  add({ title: 'C4.5: SGX constraints with v: 0 (v0 layout has no v key)', decode: sgx, input: cat('a2', txt('v'), uint(0), SGX_V0.slice(1)), tag: 'UnknownField', path: 'v', offset: 1 })
  add({ title: 'C4.5: SGX constraints with v as text "1" (read as v0, v unknown)', decode: sgx, input: cmap(['v', txt('1')]), tag: 'UnknownField', path: 'v', offset: 1 })
  add({ title: 'C4.5: SGX constraints with v: null (read as v0, v unknown)', decode: sgx, input: cmap(['v', NULL]), tag: 'UnknownField', path: 'v', offset: 1 })
  add({ title: 'C4.5: SGX v0 carrying the v1 field "policy"', decode: sgx, input: cmap(['policy', EMPTY_MAP]), tag: 'UnknownField', path: 'policy', offset: 1 })
  add({ title: 'CX2: SGX constraints with "V": 1 (oasis-core reads the version ignoring case)', decode: sgx, input: cmap(['V', uint(1)]), tag: 'CaseVariantKey', path: 'V', offset: 1, dflt: { accepts: hex('a1617601') } })
  add({ title: 'CX2: a case variant of a field already named (kind, then Kind; oasis-core refuses it too)', input: r1Plus([txt('Kind'), uint(1)]), tag: 'CaseVariantKey', path: 'Kind', offset: R1.length, dflt: { tag: 'UnknownField', path: 'Kind', offset: R1.length } })
  add({ title: 'C4.5: unknown field in a node runtime capability', decode: node, input: nodeRuntime({ capabilities: cmap(['sgx', EMPTY_MAP]) }), tag: 'UnknownField', path: 'capabilities.sgx' })
  add({ title: 'C4.5: unknown consensus parameter', decode: params, input: cmap(['max_runtime_deployment', uint(5)]), tag: 'UnknownField', path: 'max_runtime_deployment', offset: 1 })

  // ---------------------------------------------------------------- C4.6 TooManyItems / NestingTooDeep
  add({ title: 'C4.6: array head claiming 10,000,001 items', input: cat('9a00989681', fill(15)), tag: 'TooManyItems', path: '', offset: 0 })
  add({ title: 'C4.6: map head claiming 10,000,001 pairs', input: cat('ba00989681', fill(15)), tag: 'TooManyItems', offset: 0 })
  // oasis-core (fxamacker v2.4.0) checks MaxArrayElements before it looks for the items, so a
  // 2^32 claim is "too many", not "truncated"; either way nothing is allocated.
  add({ title: 'C4.6: 20-byte input claiming a 2^32-element array', input: cat('9b0000000100000000', fill(11)), tag: 'TooManyItems', offset: 0 })
  add({ title: 'C4.6: map claiming 2^32 pairs', input: cat('bb0000000100000000', fill(11)), tag: 'TooManyItems', offset: 0 })
  add({ title: 'C4.6: array claiming 2^64-1 items', input: hex('9bffffffffffffffff'), tag: 'TooManyItems', offset: 0 })
  {
    const input = r1With({ deployments: cat('9a00989681', '00') })
    add({ title: 'C4.6: deployments array claiming 10,000,001 items', input, tag: 'TooManyItems', offset: after(input, txt('deployments')) })
  }
  add({ title: 'C4.6: 33 nested arrays', input: cat(fill(32, 0x81), '80'), tag: 'NestingTooDeep', offset: 32 })
  add({ title: 'C4.6: 40 nested one-element arrays, unterminated', input: fill(40, 0x81), tag: 'NestingTooDeep', offset: 32 })
  {
    // {"a": {"a": ... {}}} 33 levels deep.
    let m: Bytes = EMPTY_MAP
    for (let i = 0; i < 32; i++) m = cmap(['a', m])
    add({ title: 'C4.6: 33 nested maps', input: m, tag: 'NestingTooDeep', offset: 32 * 3, decode: generic })
  }

  // ---------------------------------------------------------------- C4.7 WrongType / FloatNotAllowed
  add({ title: 'C4.7: top-level array where the Runtime map is expected', input: carr(uint(3)), tag: 'WrongType', path: '', offset: 0 })
  add({ title: 'C4.7: top-level integer', input: uint(3), tag: 'WrongType', path: '', offset: 0 })
  {
    const input = r1With({ genesis: carr(uint(0), bstr(fill(32))) })
    add({ title: 'C4.7: genesis as an array', input, tag: 'WrongType', path: 'genesis', offset: after(input, txt('genesis')) })
  }
  add({ title: 'C4.7: text "1" where kind (uint32) is expected', input: r1With({ kind: txt('1') }), tag: 'WrongType', path: 'kind', offset: KIND_AT })
  add({ title: 'C4.7: true where kind is expected', input: r1With({ kind: hex('f5') }), tag: 'WrongType', path: 'kind', offset: KIND_AT })
  add({ title: 'C4.7: byte string where kind is expected', input: r1With({ kind: bstr(hex('01')) }), tag: 'WrongType', path: 'kind', offset: KIND_AT })
  add({ title: 'C4.7: integer where the id byte string is expected', input: r1With({ id: uint(0) }), tag: 'WrongType', path: 'id', offset: ID_AT })
  add({ title: 'C4.7: text where a byte string (entity_id) is expected', input: r1With({ entity_id: txt('00') }), tag: 'WrongType', path: 'entity_id' })
  add({ title: 'C4.7: non-text (integer) key in the Runtime struct', input: r1Plus([uint(1), uint(0)]), tag: 'WrongType', path: '', offset: 0 })
  {
    const input = r1With({ admission_policy: cat('a2', txt('any_node'), EMPTY_MAP, bstr(hex('00')), uint(0)) })
    add({ title: 'C4.7: byte-string key in the admission_policy struct', input, tag: 'WrongType', path: 'admission_policy', offset: after(input, txt('admission_policy')) })
  }
  {
    const input = r1With({ constraints: cmap(['1', EMPTY_MAP]) })
    add({ title: 'C4.7: text key in the integer-keyed constraints map', input, tag: 'WrongType', pathMatch: /^constraints\[/, offset: after(input, txt('constraints')) + 1 })
  }
  add({ title: 'C4.7: deployments as a map', input: r1With({ deployments: EMPTY_MAP }), tag: 'WrongType', path: 'deployments' })
  add({ title: 'C4.7: deployment entry as an array', input: withDeployments(carr()), tag: 'WrongType', path: 'deployments[0]' })
  add({ title: 'C4.7: SGX constraints given as an array', decode: sgx, input: carr(), tag: 'WrongType', path: '', offset: 0 })
  add({ title: 'C4.7: float16 (f9) where kind is expected', input: r1With({ kind: hex('f93c00') }), tag: 'FloatNotAllowed', offset: KIND_AT })
  add({ title: 'C4.7: float16 zero as v', input: r1With({ v: hex('f90000') }), tag: 'FloatNotAllowed', offset: 3 })
  {
    const input = r1With({ executor: executorOf(hex('fa40a00000')) })
    add({ title: 'C4.7: float32 (fa) as group_size', input, tag: 'FloatNotAllowed', offset: after(input, txt('group_size')) })
  }
  {
    const input = withDeployments(deployment({ valid_from: hex('fb4014000000000000') }))
    add({ title: 'C4.7: float64 (fb) as valid_from', input, tag: 'FloatNotAllowed', offset: after(input, K_VALID_FROM) })
  }
  add({ title: 'CX5: float16 as a map key', input: hex('a1 f93c00 00'), tag: 'UnsupportedKey', offset: 1, dflt: { tag: 'WrongType', path: '', offset: 0 } })

  // ---------------------------------------------------------------- C4.8 IntegerOutOfRange
  {
    const input = r1With({ executor: executorOf(uint(70000)) })
    add({ title: 'C4.8: group_size 70000 (uint16)', input, tag: 'IntegerOutOfRange', path: 'executor.group_size', offset: after(input, txt('group_size')) })
  }
  add({ title: 'C4.8: tee_hardware 256 (uint8)', input: r1With({ tee_hardware: uint(256) }), tag: 'IntegerOutOfRange', path: 'tee_hardware', offset: after(r1With({ tee_hardware: uint(256) }), txt('tee_hardware')) })
  {
    const input = withDeployments(deployment(), deployment({ valid_from: nint(-1) }))
    add({ title: 'C4.8: negative valid_from (-1) in the second deployment', input, tag: 'IntegerOutOfRange', path: 'deployments[1].valid_from', offset: input.length - 1 })
  }
  {
    const input = withDeployments(deployment({ version: cmap(['major', uint(65536)]) }))
    add({ title: 'C4.8: version major 65536 (uint16)', input, tag: 'IntegerOutOfRange', path: 'deployments[0].version.major', offset: after(input, txt('major')) })
  }
  add({ title: 'C4.8: v 65536 (uint16)', input: r1With({ v: uint(65536) }), tag: 'IntegerOutOfRange', path: 'v', offset: 3 })
  add({ title: 'C4.8: kind -1 (uint32)', input: r1With({ kind: nint(-1) }), tag: 'IntegerOutOfRange', path: 'kind', offset: KIND_AT })
  add({ title: 'C4.8: kind 2^32 (uint32)', input: r1With({ kind: uint(2 ** 32) }), tag: 'IntegerOutOfRange', path: 'kind', offset: KIND_AT })
  {
    const input = r1With({ executor: executorOf(uint(0), uint(2n ** 64n - 1n)) })
    add({ title: 'C4.8: round_timeout 2^64-1 (int64)', input, tag: 'IntegerOutOfRange', path: 'executor.round_timeout', offset: after(input, txt('round_timeout')) })
  }
  {
    const input = r1With({ executor: executorOf(uint(0), nint(-(2n ** 64n))) })
    add({ title: 'C4.8: round_timeout -2^64 (int64)', input, tag: 'IntegerOutOfRange', path: 'executor.round_timeout', offset: after(input, txt('round_timeout')) })
  }
  {
    const input = r1With({ constraints: cat('a1', uint(256), EMPTY_MAP) })
    add({ title: 'C4.8: constraints committee key 256 (uint8)', input, tag: 'IntegerOutOfRange', pathMatch: /^constraints\[/, offset: after(input, txt('constraints')) + 1 })
  }
  add({ title: 'C4.8: max_runtime_deployments 256 (uint8)', decode: params, input: cmap(['max_runtime_deployments', uint(256)]), tag: 'IntegerOutOfRange', path: 'max_runtime_deployments', offset: 25 })
  add({ title: 'C4.8: node runtime version patch 65536', decode: node, input: nodeRuntime({ version: cmap(['patch', uint(65536)]) }), tag: 'IntegerOutOfRange', path: 'version.patch' })
  add({ title: 'C4.8: SGX pcs tcb_validity_period 65536 (uint16)', decode: sgx, input: sgxV1(['policy', cmap(['pcs', cmap(['tcb_validity_period', uint(65536)])])]), tag: 'IntegerOutOfRange', path: 'policy.pcs.tcb_validity_period' })

  // ---------------------------------------------------------------- C4.9 WrongByteLength
  add({ title: 'C4.9: id of 31 bytes', input: r1With({ id: bstr(fill(31)) }), tag: 'WrongByteLength', path: 'id', offset: ID_AT })
  add({ title: 'C4.9: id of 33 bytes', input: r1With({ id: bstr(fill(33)) }), tag: 'WrongByteLength', path: 'id', offset: ID_AT })
  {
    const input = r1With({ entity_id: bstr(new Uint8Array(0)) })
    add({ title: 'C4.9: empty entity_id', input, tag: 'WrongByteLength', path: 'entity_id', offset: after(input, txt('entity_id')) })
  }
  {
    const input = r1With({ genesis: genesisOf(uint(0), bstr(fill(31))) })
    add({ title: 'C4.9: genesis state_root of 31 bytes', input, tag: 'WrongByteLength', path: 'genesis.state_root', offset: after(input, txt('state_root')) })
  }
  {
    const input = r1With({ key_manager: bstr(fill(31, 0)) })
    add({ title: 'C4.9: key_manager of 31 bytes', input, tag: 'WrongByteLength', path: 'key_manager', offset: after(input, txt('key_manager')) })
  }
  {
    const input = cmap(['enclaves', carr(enclave(), enclave(bstr(fill(31, 1))))])
    add({ title: 'C4.9: SGX mr_enclave of 31 bytes in the second enclave', decode: sgx, input, tag: 'WrongByteLength', path: 'enclaves[1].mr_enclave', offset: input.length - 33 })
  }
  {
    const input = sgxV1(['policy', cmap(['pcs', pcsPolicy(['tdx', cmap(['allowed_tdx_modules', carr(tdxModule(bstr(fill(47, 9))))])])])])
    const padded = sgxV1(['policy', cmap(['pcs', pcsPolicy(['tdx', cmap(['allowed_tdx_modules', carr(tdxModule(bstr(cat(fill(47, 9), '00'))))])])])])
    add({
      title: 'CX9: TDX mr_signer_seam of 47 bytes (oasis-core zero-fills it)',
      decode: sgx,
      input,
      tag: 'InexactByteLength',
      path: 'policy.pcs.tdx.allowed_tdx_modules[0].mr_signer_seam',
      offset: after(input, txt('mr_signer_seam')),
      dflt: { accepts: padded }
    })
  }
  {
    const ents = cmap([bstr(fill(31, 0xaa)), EMPTY_MAP])
    const input = r1With({ admission_policy: cmap(['entity_whitelist', cmap(['entities', ents])]) })
    add({ title: 'C4.9: entity whitelist key of 31 bytes', input, tag: 'WrongByteLength', pathMatch: /^admission_policy\.entity_whitelist\.entities\[/, offset: after(input, txt('entities')) + 1 })
  }
  add({ title: 'C4.9: node runtime rak of 31 bytes', decode: node, input: nodeRuntime({ capabilities: cmap(['tee', cmap(['rak', bstr(fill(31))], ['hardware', uint(1)], ['attestation', NULL])]) }), tag: 'WrongByteLength', path: 'capabilities.tee.rak' })

  // ---------------------------------------------------------------- C4.10 InvalidUtf8
  add({ title: 'C4.10: invalid UTF-8 (c3 28) in a text key', input: hex('a1 62c328 00'), tag: 'InvalidUtf8', offset: 1 })
  {
    const input = cat('ab', R1.slice(1), '63eda080', '00')
    add({ title: 'C4.10: UTF-16 surrogate encoded in a key (ed a0 80)', input, tag: 'InvalidUtf8', offset: R1.length })
  }
  add({ title: 'C4.10: overlong encoding of "/" (c0 af) in kind text', input: r1With({ kind: hex('62c0af') }), tag: 'InvalidUtf8', offset: KIND_AT })
  add({ title: 'C4.10: text cut inside a multi-byte sequence (e2 82)', input: hex('a1 62e282 00'), tag: 'InvalidUtf8', offset: 1 })
  {
    const long = cat('7848', fill(71, 0x61), 'ff') // 72 bytes: past the ASCII fast path
    const input = sgxV1(['policy', cmap(['pcs', pcsPolicy(['fmspc_blacklist', carr(long)])])])
    add({ title: 'C4.10: invalid byte in a 72-byte fmspc string', decode: sgx, input, tag: 'InvalidUtf8', offset: after(input, txt('fmspc_blacklist')) + 1 })
  }
  add({ title: 'C4.10: code point above U+10FFFF (f4 90 80 80)', input: hex('a1 64f4908080 00'), tag: 'InvalidUtf8', offset: 1 })

  // ---------------------------------------------------------------- C4.11 InvalidNamespace
  add({ title: 'C4.11: id with flag bit 56 (byte 0 = 01)', input: r1With({ id: bstr(cat('01', fill(31))) }), tag: 'InvalidNamespace', path: 'id', offset: ID_AT })
  add({ title: 'C4.11: id with byte 0 = e0 (test and key-manager flags plus reserved 0x20)', input: r1With({ id: bstr(cat('e0', fill(31))) }), tag: 'InvalidNamespace', path: 'id', offset: ID_AT })
  add({ title: 'C4.11: id with byte 7 = 01 (reserved flag bit 0)', input: r1With({ id: bstr(cat(fill(7), '01', fill(24))) }), tag: 'InvalidNamespace', path: 'id', offset: ID_AT })
  {
    const input = r1With({ key_manager: bstr(cat('c0', fill(3), '80', fill(27))) })
    add({ title: 'C4.11: key_manager with a reserved flag in byte 4', input, tag: 'InvalidNamespace', path: 'key_manager', offset: after(input, txt('key_manager')) })
  }
  add({ title: 'C4.11: node runtime id with reserved flags', decode: node, input: nodeRuntime({ id: bstr(cat('ff', fill(31))) }), tag: 'InvalidNamespace', path: 'id', offset: 4 })

  // ---------------------------------------------------------------- C4.12 UnsupportedVersion
  add({ title: 'C4.12: SGX constraints v: 2', decode: sgx, input: cat('a2', txt('v'), uint(2), SGX_V0.slice(1)), tag: 'UnsupportedVersion', path: 'v', offset: 3 })
  // oasis-core: 65535 is GetVersion's "no version", and a version beyond uint16 does not read; both fall back to v0.
  add({ title: 'C4.12: SGX constraints v: 65535', decode: sgx, input: cmap(['v', uint(65535)]), tag: 'UnsupportedVersion', path: 'v', offset: 3, dflt: { tag: 'UnknownField', path: 'v', offset: 1 } })
  add({ title: 'C4.12: SGX constraints v: 2^64-1', decode: sgx, input: cmap(['v', uint(2n ** 64n - 1n)]), tag: 'UnsupportedVersion', path: 'v', offset: 3, dflt: { tag: 'UnknownField', path: 'v', offset: 1 } })
  add({ title: 'C4.12: SGX constraints v: 65534', decode: sgx, input: cmap(['v', uint(65534)]), tag: 'UnsupportedVersion', path: 'v', offset: 3 })

  // ---------------------------------------------------------------- CX1 TrailingBytes
  add({ title: 'CX1: one zero byte after R1', input: cat(R1, '00'), tag: 'TrailingBytes', path: '', offset: R1.length, dflt: { accepts: R1 } })
  add({ title: 'CX1: R1 twice', input: cat(R1, R1), tag: 'TrailingBytes', offset: R1.length, dflt: { accepts: R1 } })
  add({ title: 'CX1: a reserved head (1c) after R1', input: cat(R1, '1c'), tag: 'TrailingBytes', offset: R1.length, dflt: { accepts: R1 } })
  add({ title: 'C4.7: a bare integer followed by a byte is refused by its type before the trailing byte', input: hex('0000'), tag: 'WrongType', offset: 0 })
  add({ title: 'CX1: trailing break code after SGX v0', decode: sgx, input: cat(SGX_V0, 'ff'), tag: 'TrailingBytes', offset: SGX_V0.length, dflt: { accepts: SGX_V0 } })

  // ---------------------------------------------------------------- CX3 SimpleValueNotAllowed
  add({ title: 'CX3: simple value 0 (e0) as kind (oasis-core reads it as 0)', input: r1With({ kind: hex('e0') }), tag: 'SimpleValueNotAllowed', offset: KIND_AT, dflt: { accepts: R1 } })
  add({
    title: 'CX3: simple value 19 (f3) as tee_hardware',
    input: r1With({ tee_hardware: hex('f3') }),
    tag: 'SimpleValueNotAllowed',
    offset: after(r1With({ tee_hardware: hex('f3') }), txt('tee_hardware')),
    dflt: { accepts: r1With({ tee_hardware: uint(19) }) }
  })
  add({ title: 'CX3: undefined (f7) as kind', input: r1With({ kind: hex('f7') }), tag: 'SimpleValueNotAllowed', offset: KIND_AT, dflt: { accepts: R1 } })
  add({ title: 'CX3: undefined (f7) as key_manager', input: r1With({ key_manager: hex('f7') }), tag: 'SimpleValueNotAllowed', offset: after(r1With({ key_manager: hex('f7') }), txt('key_manager')), dflt: { accepts: R1 } })
  add({ title: 'CX3: two-byte simple value 32 (f8 20) as v', input: r1With({ v: hex('f820') }), tag: 'SimpleValueNotAllowed', offset: 3, dflt: { accepts: r1With({ v: uint(32) }) } })
  add({ title: 'CX3: two-byte simple value 255 (f8 ff) at the top', input: hex('f8ff'), tag: 'SimpleValueNotAllowed', path: '', offset: 0, dflt: { tag: 'WrongType', path: '', offset: 0 } })
  add({ title: 'CX3: two-byte simple value 31 (f8 1f) as kind (malformed for oasis-core)', input: r1With({ kind: hex('f81f') }), tag: 'SimpleValueNotAllowed', offset: KIND_AT, dflt: { tag: 'MalformedItem', path: 'kind', offset: KIND_AT } })
  add({ title: 'CX3: simple value 1 (e1) where a boolean is expected (oasis-core refuses it too)', decode: params, input: cmap(['debug_allow_test_runtimes', hex('e1')]), tag: 'SimpleValueNotAllowed', offset: 28, dflt: { tag: 'WrongType', path: 'debug_allow_test_runtimes', offset: 28 } })

  // ---------------------------------------------------------------- CX4 NullNotAllowed
  add({ title: 'CX4: null kind', input: r1With({ kind: NULL }), tag: 'NullNotAllowed', path: 'kind', offset: KIND_AT, dflt: { accepts: R1 } })
  add({ title: 'CX4: null id', input: r1With({ id: NULL }), tag: 'NullNotAllowed', path: 'id', offset: ID_AT, dflt: { accepts: R1 } })
  add({ title: 'CX4: null key_manager', input: r1With({ key_manager: NULL }), tag: 'NullNotAllowed', path: 'key_manager', offset: after(r1With({ key_manager: NULL }), txt('key_manager')), dflt: { accepts: R1 } })
  {
    const input = withDeployments(deployment(), NULL)
    add({
      title: 'CX4: null deployment entry (oasis-core keeps a nil entry, which validation refuses)',
      input,
      tag: 'NullNotAllowed',
      path: 'deployments[1]',
      offset: input.length - 1,
      dflt: { accepts: r1Canonical({ deployments: carr(deployment(), NULL) }) }
    })
  }
  add({ title: 'CX4: null deployments array', input: r1With({ deployments: NULL }), tag: 'NullNotAllowed', path: 'deployments', offset: R1.length + 12, dflt: { accepts: R1 } })
  add({ title: 'CX4: null genesis', input: r1With({ genesis: NULL }), tag: 'NullNotAllowed', path: 'genesis', offset: 55, dflt: { accepts: R1 } })
  {
    const input = r1With({ genesis: genesisOf(NULL) })
    add({ title: 'CX4: null genesis.round', input, tag: 'NullNotAllowed', path: 'genesis.round', offset: 62, dflt: { accepts: R1 } })
  }
  add({ title: 'CX4: null at the top', input: NULL, tag: 'NullNotAllowed', path: '', offset: 0, dflt: { accepts: r1With({ admission_policy: EMPTY_MAP }) } })
  add({ title: 'CX4: null node runtime capabilities', decode: node, input: nodeRuntime({ capabilities: NULL }), tag: 'NullNotAllowed', path: 'capabilities', dflt: { accepts: nodeRuntime({ capabilities: EMPTY_MAP }) } })
  add({
    title: 'CX4: null SGX enclave mr_signer',
    decode: sgx,
    input: cmap(['enclaves', carr(enclave(undefined, NULL))]),
    tag: 'NullNotAllowed',
    path: 'enclaves[0].mr_signer',
    offset: 22,
    dflt: { accepts: cmap(['enclaves', carr(enclave(undefined, bstr(fill(32))))]) }
  })
  add({ title: 'CX4: null consensus tee_features', decode: params, input: cmap(['tee_features', NULL]), tag: 'NullNotAllowed', path: 'tee_features', offset: 14, dflt: { accepts: EMPTY_MAP } })

  // ---------------------------------------------------------------- CX5 UnsupportedKey
  // A struct's keys are field names: oasis-core refuses any other key there, as a type error.
  add({ title: 'CX5: boolean map key', input: hex('a1 f5 00'), tag: 'UnsupportedKey', path: '', offset: 1, dflt: { tag: 'WrongType', path: '', offset: 0 } })
  add({ title: 'CX5: null map key', input: hex('a1 f6 00'), tag: 'UnsupportedKey', offset: 1, dflt: { tag: 'WrongType', path: '', offset: 0 } })
  add({ title: 'CX5: tagged map key (tag 2 bignum)', input: hex('a1 c24101 00'), tag: 'UnsupportedKey', offset: 1, dflt: { tag: 'TagNotAllowed', path: '', offset: 1 } })
  {
    const input = r1With({ admission_policy: cat('a1', carr(), EMPTY_MAP) })
    add({ title: 'CX5: array map key inside admission_policy', input, tag: 'UnsupportedKey', offset: after(input, txt('admission_policy')) + 1, dflt: { tag: 'WrongType', path: 'admission_policy', offset: after(input, txt('admission_policy')) } })
  }
  {
    const input = r1With({ constraints: cat('a1', EMPTY_MAP, EMPTY_MAP) })
    add({ title: 'CX5: map as a map key in constraints', input, tag: 'UnsupportedKey', offset: after(input, txt('constraints')) + 1, dflt: { tag: 'WrongType', path: 'constraints[#0]', offset: after(input, txt('constraints')) + 1 } })
  }
  {
    const input = r1With({ constraints: cat('a1', NULL, EMPTY_MAP) })
    add({ title: 'CX5: null committee key (oasis-core reads 0)', input, tag: 'UnsupportedKey', offset: after(input, txt('constraints')) + 1, dflt: { accepts: r1Canonical({ constraints: cat('a1', uint(0), EMPTY_MAP) }) } })
  }

  // ---------------------------------------------------------------- CX7 BytesAsArray
  add({ title: 'CX7: id as an array of 32 zeros', input: r1With({ id: carr(...Array.from({ length: 32 }, () => uint(0))) }), tag: 'BytesAsArray', path: 'id', offset: ID_AT, dflt: { accepts: R1 } })
  add({ title: 'CX7: id as an array with reserved flags (no namespace check)', input: r1With({ id: carr(uint(1)) }), tag: 'BytesAsArray', path: 'id', offset: ID_AT, dflt: { accepts: r1With({ id: bstr(cat('01', fill(31))) }) } })
  add({ title: 'CX7: an array element of a byte string beyond 255 (out of range for oasis-core)', input: r1With({ id: carr(uint(256)) }), tag: 'BytesAsArray', path: 'id', offset: ID_AT, dflt: { tag: 'IntegerOutOfRange', path: 'id[0]', offset: ID_AT + 1 } })
  add({ title: 'C4.7: a quantity as an array', input: r1With({ staking: cmap(['min_in_message_fee', carr(uint(1))]) }), tag: 'WrongType', path: 'staking.min_in_message_fee' })

  // ---------------------------------------------------------------- CX8 QuantityAsMap
  add({ title: 'CX8: min_in_message_fee as an empty map', input: r1With({ staking: cmap(['min_in_message_fee', EMPTY_MAP]) }), tag: 'QuantityAsMap', path: 'staking.min_in_message_fee', dflt: { accepts: R1 } })
  add({ title: 'CX8: a quantity as a map with an entry', input: r1With({ staking: cmap(['min_in_message_fee', cmap(['x', uint(1)])]) }), tag: 'QuantityAsMap', path: 'staking.min_in_message_fee', dflt: { tag: 'WrongType', path: 'staking.min_in_message_fee' } })

  // ---------------------------------------------------------------- CX6 NotCanonical (requireCanonical)
  const strict = { requireCanonical: true } as const
  {
    const input = r1With({ executor: executorOf(hex('1805')) })
    add({ title: 'CX6: non-shortest integer head 18 05 for group_size', input, opts: strict, tag: 'NotCanonical', path: '', offset: after(input, txt('group_size')) })
  }
  add({ title: 'CX6: non-shortest 18 00 for v', input: r1With({ v: hex('1800') }), opts: strict, tag: 'NotCanonical', offset: 3 })
  add({ title: 'CX6: unsorted keys (id before v)', input: cmap(R1_FIELDS[1]!, R1_FIELDS[0]!, ...R1_FIELDS.slice(2)), opts: strict, tag: 'NotCanonical', offset: 1 })
  add({ title: 'CX6: non-shortest map head b8 0a', input: cat('b80a', R1.slice(1)), opts: strict, tag: 'NotCanonical', offset: 0 })
  add({ title: 'CX6: non-shortest text-key head 78 01 for "v"', input: cat('aa', '780176', R1.slice(3)), opts: strict, tag: 'NotCanonical', offset: 1 })
  add({ title: 'CX6: non-shortest byte-string head 59 0020 for the id', input: cat(R1.slice(0, ID_AT), '590020', R1.slice(ID_AT + 2)), opts: strict, tag: 'NotCanonical', offset: ID_AT })
  {
    const input = r1With({ txn_scheduler: EMPTY_MAP })
    add({ title: 'CX6: empty txn_scheduler written although omitempty', input, opts: strict, tag: 'NotCanonical', offset: 0 })
  }
  add({ title: 'CX6: SGX v: 1 written as 19 0001', decode: sgx, input: cmap(['v', hex('190001')]), opts: strict, tag: 'NotCanonical', offset: 3 })
  return out
}

const CASES = cases()

const expectLeft = (r: E.Either<DecodeError, unknown>): DecodeError => {
  if (E.isRight(r)) throw new Error(`expected a Left, got Right(${String(r.right)})`)
  return r.left
}

const check = (e: DecodeError | EncodeError, c: Pick<Case, 'tag' | 'path' | 'pathMatch' | 'offset' | 'input'>): void => {
  expect(e._tag).toBe(c.tag)
  expect(e.rule).toBe(DECODE_ERROR_RULES[c.tag])
  expect(typeof e.message).toBe('string')
  expect(e.message.length).toBeGreaterThan(0)
  expect(typeof e.path).toBe('string')
  if (c.path !== undefined) expect(e.path).toBe(c.path)
  if (c.pathMatch !== undefined) expect(e.path).toMatch(c.pathMatch)
  if (c.offset !== undefined) expect(e.offset).toBe(c.offset)
  // Every error from bytes carries an offset inside the input.
  expect(Number.isInteger(e.offset)).toBe(true)
  expect(e.offset!).toBeGreaterThanOrEqual(0)
  expect(e.offset!).toBeLessThanOrEqual(c.input.length)
}

describe('codec: malformed and hostile input catalogue', () => {
  it('C4.1: the hand-built R1 is byte-identical to the vector and decodes', () => {
    expect(bytesToHex(cmap(...R1_FIELDS))).toBe(R1_HEX)
    expect(E.isRight(decodeRuntime(R1, { requireCanonical: true }))).toBe(true)
    expect(E.isRight(decodeSgxConstraints(SGX_V0, { requireCanonical: true }))).toBe(true)
    expect(E.isRight(decodeNodeRuntime(nodeRuntime()))).toBe(true)
  })

  it.each(CASES.map((c) => [c.title, c] as const))('%s', (_title, c) => {
    const decode = c.decode ?? rt
    const e = expectLeft(decode(c.input, { ...c.opts, strict: true }))
    check(e, c)
  })

  it.each(CASES.map((c) => [`${c.title} [default mode: ${c.dflt === undefined ? 'the same' : 'accepts' in c.dflt ? 'accepted as oasis-core reads it' : `${c.dflt.tag}`}]`, c] as const))('%s', (_title, c) => {
    const decode = c.decode ?? rt
    const r = decode(c.input, c.opts)
    if (c.dflt !== undefined && 'accepts' in c.dflt) {
      if (E.isLeft(r)) throw new Error(`expected Right, got ${r.left._tag} at ${r.left.path}: ${r.left.message}`)
      const encode = ENCODERS.get(decode)!
      const bytes = encode(r.right as never)
      expect(E.isRight(bytes) && bytesToHex(bytes.right)).toBe(bytesToHex(c.dflt.accepts))
    } else check(expectLeft(r), { ...(c.dflt ?? c), input: c.input })
  })

  it('C4.1: every proper prefix of R1 is Truncated, with an offset inside the prefix, in both modes', () => {
    for (const opts of [undefined, { strict: true }]) {
      for (let n = 0; n < R1.length; n++) {
        const input = R1.slice(0, n)
        const e = expectLeft(decodeRuntime(input, opts))
        expect(e._tag, `prefix of ${n} bytes`).toBe('Truncated')
        expect(e.rule).toBe('C4.1')
        expect(e.offset!).toBeLessThanOrEqual(n)
      }
    }
  })

  it('C4.6: 32 nested arrays are within the depth limit (only the schema rejects them)', () => {
    const e = expectLeft(decodeRuntime(cat(fill(31, 0x81), '80')))
    expect(e._tag).toBe('WrongType')
    expect(e.path).toBe('')
  })

  it('C4.6: an array of exactly 10,000,000 claimed items is not TooManyItems', () => {
    const e = expectLeft(decodeRuntime(cat('9a00989680', fill(15))))
    expect(e._tag).toBe('Truncated')
  })

  it('C4.7: an array refused for its type is walked past its byte strings of 24 bytes or more (found by the fuzz test)', () => {
    // [h'00…' (32 bytes), {0: 1, 1: 2}]: the walk that refuses the array without building it
    // must step over the 2-byte head of the string, or it lands inside it and reads the 0x20
    // that ends the head as a map key -1 past the end of the input.
    const input = cat('82', '5820', fill(32), 'a2', '0001', '0102')
    for (const mode of [{}, { strict: true }]) {
      const e = expectLeft(decodeNodeRuntime(input, mode))
      expect(e).toMatchObject({ _tag: 'WrongType', offset: 0 })
    }
    // The fuzz test's counterexample, in strict mode: WrongType at the top, never an offset past the end.
    const found = cat('84626964582080', fill(29), '00a4a300106776657273696f6ea16570617463681901416a65787472615f696e666ff66c6361706162696c6974696573a0')
    expect(expectLeft(decodeNodeRuntime(found, { strict: true }))).toMatchObject({ _tag: 'WrongType', offset: 0 })
  })

  it('CX6: the catalogue covers every DecodeError tag and every rule id', () => {
    const tags = new Set(CASES.map((c) => c.tag))
    // NoTextForm and UnknownName (O1, O2) belong to oasis-node's JSON: test/schema/oasisJson.test.ts.
    for (const tag of Object.keys(DECODE_ERROR_RULES) as Array<keyof typeof DECODE_ERROR_RULES>) {
      if (!DECODE_ERROR_RULES[tag].startsWith('O')) expect(tags, tag).toContain(tag)
    }
    for (const c of CASES) expect(c.title.startsWith(`${DECODE_ERROR_RULES[c.tag]}:`), c.title).toBe(true)
    expect(CASES.length).toBeGreaterThanOrEqual(45)
  })
})

// -------------------------------------------------------------------------------------------------
// inputs oasis-core accepts: accepted here too, and normalised
// -------------------------------------------------------------------------------------------------

describe('codec: valid but unusual input', () => {
  const accepts = (input: Bytes, decode: Decoder = rt): unknown => {
    const r = decode(input)
    if (E.isLeft(r)) throw new Error(`expected Right, got ${r.left._tag} at ${r.left.path}: ${r.left.message}`)
    return r.right
  }

  it.each([
    ['non-shortest 18 05 group_size', r1With({ executor: executorOf(hex('1805')) }), r1With({ executor: executorOf(uint(5)) })],
    ['non-shortest 18 00 v', r1With({ v: hex('1800') }), R1],
    ['unsorted keys', cmap(R1_FIELDS[1]!, R1_FIELDS[0]!, ...R1_FIELDS.slice(2)), R1],
    ['non-shortest map head b8 0a', cat('b80a', R1.slice(1)), R1],
    ['non-shortest 8-byte kind head', r1With({ kind: hex('1b0000000000000000') }), R1],
    ['empty txn_scheduler', r1With({ txn_scheduler: EMPTY_MAP }), R1],
    ['all-zero staking', r1With({ staking: cmap(['min_in_message_fee', bstr(new Uint8Array(0))]) }), R1]
  ])('CX6: %s is accepted by default, re-encodes canonically, and is refused under requireCanonical', (_n, input, canonical) => {
    const value = accepts(input) as Runtime
    const re = encodeRuntime(value)
    expect(E.isRight(re)).toBe(true)
    if (E.isRight(re)) expect(bytesToHex(re.right)).toBe(bytesToHex(canonical))
    const strict = expectLeft(decodeRuntime(input, { requireCanonical: true }))
    expect(strict._tag).toBe('NotCanonical')
    expect(strict.rule).toBe('CX6')
    expect(E.isRight(decodeRuntime(canonical, { requireCanonical: true }))).toBe(true)
  })

  it('CX6: quantity with leading zeros is accepted and stripped', () => {
    const input = r1With({ staking: cmap(['min_in_message_fee', bstr(hex('000001'))]) })
    const v = accepts(input) as Runtime
    expect(v.staking?.min_in_message_fee).toEqual(Uint8Array.of(1))
    expect(expectLeft(decodeRuntime(input, { requireCanonical: true }))._tag).toBe('NotCanonical')
  })

  it('C4.9: decoded byte strings are copies: changing the input afterwards changes nothing', () => {
    const input = r1With({ id: bstr(cat('80', fill(7), fill(24, 7))) })
    const v = accepts(input) as Runtime
    input.fill(0xff)
    expect(bytesToHex(v.id)).toBe(bytesToHex(cat('80', fill(7), fill(24, 7))))
  })

  it('C4.11: namespaces with only the test and key-manager flags are accepted', () => {
    for (const b0 of ['80', '40', 'c0']) accepts(r1With({ id: bstr(cat(b0, fill(31))) }))
    accepts(r1With({ key_manager: bstr(cat('c0', fill(31))) }))
  })

  it('CX4: in strict mode null is accepted exactly where Go writes nil (entities, inner constraints, extra_info, attestation)', () => {
    const strictly: Decoder = (b) => rt(b, { strict: true })
    accepts(r1With({ admission_policy: cmap(['entity_whitelist', cmap(['entities', NULL])]) }), strictly)
    const v = accepts(r1With({ constraints: cat('a1', '01', NULL) }), strictly) as Runtime
    expect(v.constraints?.get(1)).toBeNull()
    accepts(nodeRuntime({ capabilities: cmap(['tee', cmap(['rak', bstr(fill(32))], ['hardware', uint(1)], ['attestation', NULL])]) }), (b) => node(b, { strict: true }))
  })

  it('C4.12: SGX v: 1 selects the v1 layout; v0 vector decodes without v', () => {
    expect(accepts(sgxV1(['max_attestation_age', uint(1200)]), sgx)).toEqual({ v: 1, max_attestation_age: 1200 })
    expect((accepts(SGX_V0, sgx) as { v?: number }).v).toBeUndefined()
  })

  it('C4.8: uint64 above 2^53 decodes exactly as a bigint and round-trips', () => {
    const input = withDeployments(deployment({ valid_from: uint(2n ** 64n - 1n) }))
    const v = accepts(input) as Runtime
    expect(v.deployments?.[0]?.valid_from).toBe(2n ** 64n - 1n)
    const re = encodeRuntime(v)
    expect(E.isRight(re) && bytesToHex(re.right).includes('1bffffffffffffffff')).toBe(true)
  })

  it('CX4: an empty omitempty slice decodes as present-but-empty (as Go keeps it) and is left out when written', () => {
    const input = r1With({ deployments: carr() })
    const v = accepts(input) as Runtime
    expect(v.deployments).toEqual([])
    const re = encodeRuntime(v)
    expect(E.isRight(re) && bytesToHex(re.right)).toBe(R1_HEX)
    const tee = accepts(withDeployments(deployment({ tee: bstr(new Uint8Array(0)) }))) as Runtime
    expect(tee.deployments?.[0]?.tee).toEqual(new Uint8Array(0))
  })

  it('C4.5: gas_costs ops named like Object.prototype members stay ordinary entries and round-trip', () => {
    for (const op of ['__proto__', 'constructor', 'toString']) {
      const input = cmap(['gas_costs', cmap([op, uint(7)])])
      const v = accepts(input, params) as { gas_costs?: Record<string, number> }
      expect(Object.keys(v.gas_costs ?? {})).toEqual([op])
      expect(Object.getOwnPropertyDescriptor(v.gas_costs, op)?.value).toBe(7)
      expect(E.isRight(decodeConsensusParameters(input, { requireCanonical: true }))).toBe(true)
    }
  })

  it('C4.2: distinct entity keys are not duplicates', () => {
    const ents = cmap([bstr(KEY_A), EMPTY_MAP], [bstr(KEY_B), EMPTY_MAP])
    const v = accepts(r1With({ admission_policy: cmap(['entity_whitelist', cmap(['entities', ents])]) })) as Runtime
    expect(v.admission_policy.entity_whitelist?.entities?.size).toBe(2)
  })
})

// -------------------------------------------------------------------------------------------------
// known defects (see the report): the expectation is the correct behaviour
// -------------------------------------------------------------------------------------------------

describe('codec: text is exact Unicode (regressions)', () => {
  // A leading U+FEFF is part of the text (TextDecoder must not drop it as a byte-order mark): the
  // bytes ef bb bf 76 are the 2-character key "\uFEFFv", not "v". oasis-core (v0 layout, unknown
  // field) rejects {"\uFEFFv": 1}.
  it('C4.5: SGX constraints {"\\uFEFFv": 1} are refused (unknown field), not read as v1', () => {
    const input = hex('a1 64efbbbf76 01')
    const e = expectLeft(decodeSgxConstraints(input))
    expect(e._tag).toBe('UnknownField')
    expect(e.path).toBe('\uFEFFv')
  })

  it('C4.5: a Runtime key "\\uFEFFkind" is reported under its own name, not as "kind"', () => {
    const input = r1With({ kind: undefined, '\uFEFFkind': uint(1) })
    const e = expectLeft(decodeRuntime(input))
    expect(e._tag).toBe('UnknownField')
    expect(e.path).toBe('\uFEFFkind')
  })

  it('C4.10: a leading U+FEFF inside a text value survives decoding', () => {
    const input = sgxV1(['policy', cmap(['pcs', pcsPolicy(['fmspc_blacklist', carr(txt('\uFEFF00606a000000'))])])])
    const r = decodeSgxConstraints(input)
    expect(E.isRight(r) && (r.right as { policy?: { pcs?: { fmspc_blacklist?: string[] } } }).policy?.pcs?.fmspc_blacklist?.[0]).toBe(
      '\uFEFF00606a000000'
    )
  })

  // cbor-x would write a lone surrogate as the 3 bytes ed a0 80, which is not UTF-8 and which the
  // decoder (and oasis-core) refuse: the encoder must refuse such text instead.
  it('C4.10: encodeSgxConstraints refuses a text that is not valid Unicode (lone surrogate)', () => {
    const r = encodeSgxConstraints({
      v: 1,
      policy: { pcs: { tcb_validity_period: 30, min_tcb_evaluation_data_number: 16, fmspc_blacklist: ['\uD800'] } }
    })
    expect(E.isLeft(r)).toBe(true)
    if (E.isLeft(r)) {
      expect(r.left._tag).toBe('InvalidUtf8')
      expect(r.left.rule).toBe('C4.10')
      expect(r.left.path).toBe('policy.pcs.fmspc_blacklist[0]')
    }
  })

  it('C4.10: encodeConsensusParameters refuses a gas_costs op with a lone surrogate', () => {
    const r = encodeConsensusParameters({ gas_costs: { ['a\uDC00']: 1 } })
    expect(E.isLeft(r) && r.left._tag).toBe('InvalidUtf8')
  })

  // oasis-core accepts { "\uFEFFx": 1, "x": 2 } (two ops).
  it('C4.2: gas_costs keys "\\uFEFFx" and "x" are distinct, not duplicates', () => {
    const input = cmap(['gas_costs', cmap(['\uFEFFx', uint(1)], ['x', uint(2)])])
    const r = decodeConsensusParameters(input)
    expect(E.isRight(r)).toBe(true)
    if (E.isRight(r)) expect(Object.keys(r.right.gas_costs ?? {}).sort()).toEqual(['x', '\uFEFFx'])
  })
})


// -------------------------------------------------------------------------------------------------
// encode side: values outside their wire type are refused with a Left, never thrown
// -------------------------------------------------------------------------------------------------

describe('codec: encodeRuntime refuses out-of-range values', () => {
  const base: Runtime = {
    v: 3,
    id: cat('00', fill(30), '01'),
    entity_id: fill(32, 0x11),
    genesis: { state_root: fill(32, 0x22), round: 0 },
    kind: 1,
    tee_hardware: 0,
    executor: { group_size: 1, group_backup_size: 0, allowed_stragglers: 0, round_timeout: 5, max_messages: 0 },
    storage: { checkpoint_interval: 0, checkpoint_num_kept: 0, checkpoint_chunk_size: 0 },
    admission_policy: { any_node: {} },
    governance_model: 1,
    deployments: [{ version: { major: 1 }, valid_from: 10 }]
  }
  const dep = (over: Record<string, unknown>): Runtime => ({ ...base, deployments: [{ ...base.deployments![0]!, ...over }] }) as Runtime

  const table: ReadonlyArray<readonly [string, Runtime, DecodeErrorTag, string]> = [
    ['C4.7: 1.5 as an epoch', dep({ valid_from: 1.5 }), 'WrongType', 'deployments[0].valid_from'],
    ['C4.8: group_size 70000', { ...base, executor: { ...base.executor!, group_size: 70000 } }, 'IntegerOutOfRange', 'executor.group_size'],
    ['C4.8: a number above 2^53 that should have been a bigint', dep({ valid_from: 2 ** 53 + 2 }), 'IntegerOutOfRange', 'deployments[0].valid_from'],
    ['C4.8: bigint 2^64 as an epoch', dep({ valid_from: 2n ** 64n }), 'IntegerOutOfRange', 'deployments[0].valid_from'],
    ['C4.8: negative epoch', dep({ valid_from: -1 }), 'IntegerOutOfRange', 'deployments[0].valid_from'],
    ['C4.8: version minor 65536', dep({ version: { minor: 65536 } }), 'IntegerOutOfRange', 'deployments[0].version.minor'],
    ['C4.7: NaN as kind', { ...base, kind: Number.NaN }, 'WrongType', 'kind'],
    ['C4.7: "1" as kind', { ...base, kind: '1' as unknown as number }, 'WrongType', 'kind'],
    ['C4.9: a 31-byte id', { ...base, id: fill(31) }, 'WrongByteLength', 'id'],
    ['C4.9: a 33-byte state_root', { ...base, genesis: { state_root: fill(33), round: 0 } }, 'WrongByteLength', 'genesis.state_root'],
    ['CX4: null kind', { ...base, kind: null as unknown as number }, 'NullNotAllowed', 'kind'],
    ['C4.5: an unknown field', { ...base, Kind: 1 } as unknown as Runtime, 'UnknownField', 'Kind'],
    ['C4.2: constraints keys 1 and 1n collide', { ...base, constraints: new Map<number, null>([[1, null], [1n as unknown as number, null]]) }, 'DuplicateKey', 'constraints[1]'],
    [
      'C4.2: two entity keys with equal bytes collide',
      { ...base, admission_policy: { entity_whitelist: { entities: new Map([[fill(32, 7), {}], [fill(32, 7), {}]]) } } },
      'DuplicateKey',
      `admission_policy.entity_whitelist.entities[${bytesToHex(fill(32, 7))}]`
    ]
  ]

  it('C4.7: encodeRuntime does not throw for a map key that cannot even be turned into a string', () => {
    const key = Object.create(null) as object
    const bad = { ...base, constraints: new Map([[key, null]]) } as unknown as Runtime
    let r: E.Either<EncodeError, Uint8Array> | undefined
    expect(() => {
      r = encodeRuntime(bad)
    }).not.toThrow()
    expect(r !== undefined && E.isLeft(r) && r.left.rule).toBe('C4.7')
  })

  it('C4.8: the base value encodes', () => {
    expect(E.isRight(encodeRuntime(base))).toBe(true)
  })

  // Go's Namespace holds any 32 bytes and its MarshalBinary writes them; only reading the bytes
  // (UnmarshalBinary) checks the flags. A namespace oasis-core read from an array (CX7) has any.
  it('C4.11: an id with reserved flag bits is written as Go writes it, and refused when read back', () => {
    const r = encodeRuntime({ ...base, id: cat('01', fill(31)) })
    expect(E.isRight(r)).toBe(true)
    const back = decodeRuntime((r as E.Right<Uint8Array>).right)
    expect(E.isLeft(back) && back.left._tag).toBe('InvalidNamespace')
  })

  // Go's []*VersionInfo may hold nil, written null: a descriptor oasis-core decoded with a null
  // entry (CX4) re-encodes as it does. Validation refuses it (D3).
  it('CX4: a null deployment entry is written as null', () => {
    const r = encodeRuntime({ ...base, deployments: [base.deployments![0]!, null as unknown as never] })
    expect(E.isRight(r) && bytesToHex(r.right).includes(bytesToHex(cat(txt('deployments'), '82')))).toBe(true)
    expect(E.isRight(r) && bytesToHex(r.right).includes('0af66c')).toBe(true)
  })

  it.each(table)('%s', (_title, value, tag, path) => {
    let r: E.Either<EncodeError, Uint8Array> | undefined
    expect(() => {
      r = encodeRuntime(value)
    }).not.toThrow()
    expect(r).toBeDefined()
    expect(E.isLeft(r!)).toBe(true)
    const e = (r as E.Left<EncodeError>).left
    expect(e._tag).toBe(tag)
    expect(e.rule).toBe(DECODE_ERROR_RULES[tag])
    expect(e.path).toBe(path)
    expect(e.offset).toBeUndefined()
  })
})
