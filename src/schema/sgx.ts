/**
 * `node.SGXConstraints`, the `tee` payload of a deployment when `tee_hardware` is 1 (Intel SGX),
 * in its two layouts: v0 (IAS only, no `v` key) and v1 (`v: 1`, quote policy).
 *
 * @since 0.1.0
 */
import type { CborModel } from '../codec/cbor.js'
import type { CborSink } from '../codec/cborSink.js'
import { array } from '../codec/containers.js'
import type { GoJsonContext } from '../codec/goJson.js'
import { Problem } from '../codec/problem.js'
import { type Cursor, peekByte, readInteger, readLength, readSimpleArgument, readTextBody, skipUnread } from '../codec/reader.js'
import { bool, fixedBytes, i64, paddedBytes, text, u16, u32, u64 } from '../codec/scalars.js'
import { struct } from '../codec/struct.js'
import { type Json, type OasisJson, Wire, wrongType } from '../codec/wire.js'

/**
 * One enclave identity: MRENCLAVE and MRSIGNER, 32 bytes each.
 *
 * @category model
 * @since 0.1.0
 */
export interface EnclaveIdentity {
  readonly mr_enclave: Uint8Array
  readonly mr_signer: Uint8Array
}

/**
 * IAS quote policy (all fields omitempty).
 *
 * @category model
 * @since 0.1.0
 */
export interface IasQuotePolicy {
  readonly disabled?: boolean
  readonly allowed_quote_statuses?: ReadonlyArray<number | bigint>
  readonly gid_blacklist?: ReadonlyArray<number>
  readonly min_tcb_evaluation_data_number?: number
}

/**
 * One allowed TDX module: `mr_seam` (optional) and `mr_signer_seam`, 48 bytes each.
 *
 * @category model
 * @since 0.1.0
 */
export interface TdxModulePolicy {
  readonly mr_seam?: Uint8Array
  readonly mr_signer_seam: Uint8Array
}

/**
 * TDX quote policy.
 *
 * @category model
 * @since 0.1.0
 */
export interface TdxQuotePolicy {
  readonly allowed_tdx_modules?: ReadonlyArray<TdxModulePolicy>
}

/**
 * PCS (DCAP) quote policy.
 *
 * @category model
 * @since 0.1.0
 */
export interface PcsQuotePolicy {
  readonly disabled?: boolean
  readonly tcb_validity_period: number
  readonly min_tcb_evaluation_data_number: number
  readonly fmspc_whitelist?: ReadonlyArray<string>
  readonly fmspc_blacklist?: ReadonlyArray<string>
  readonly tdx?: TdxQuotePolicy
}

/**
 * `quote.Policy`: IAS and/or PCS policies.
 *
 * @category model
 * @since 0.1.0
 */
export interface QuotePolicy {
  readonly ias?: IasQuotePolicy
  readonly pcs?: PcsQuotePolicy
}

/**
 * SGX constraints v0 (legacy, IAS only). Written without a `v` key.
 *
 * @category model
 * @since 0.1.0
 */
export interface SgxConstraintsV0 {
  /** v0 has no `v` key on the wire; a value that carries one is read as v1 or refused. */
  readonly v?: undefined
  readonly enclaves?: ReadonlyArray<EnclaveIdentity>
  readonly allowed_quote_statuses?: ReadonlyArray<number | bigint>
}

/**
 * SGX constraints v1.
 *
 * @category model
 * @since 0.1.0
 */
export interface SgxConstraintsV1 {
  readonly v: 1
  readonly enclaves?: ReadonlyArray<EnclaveIdentity>
  readonly policy?: QuotePolicy
  readonly max_attestation_age?: number | bigint
}

/**
 * SGX constraints in either layout, told apart by `v`.
 *
 * @category model
 * @since 0.1.0
 */
export type SgxConstraints = SgxConstraintsV0 | SgxConstraintsV1

const EnclaveIdentityCodec = /* @__PURE__ */ struct<EnclaveIdentity>('EnclaveIdentity', [
  ['mr_enclave', fixedBytes(32), 'always'],
  ['mr_signer', fixedBytes(32), 'always']
])

const IasQuotePolicyCodec = /* @__PURE__ */ struct<IasQuotePolicy>('IasQuotePolicy', [
  ['disabled', bool, 'omitempty'],
  ['allowed_quote_statuses', array(i64), 'omitempty'],
  ['gid_blacklist', array(u32), 'omitempty'],
  ['min_tcb_evaluation_data_number', u32, 'omitempty']
])

// The TDX fields are plain Go `[48]byte`: oasis-core truncates or zero-fills a byte string of
// another length (CX9; strict mode refuses it).
const TdxModulePolicyCodec = /* @__PURE__ */ struct<TdxModulePolicy>('TdxModulePolicy', [
  ['mr_seam', paddedBytes(48), 'pointer'],
  ['mr_signer_seam', paddedBytes(48), 'always']
])

const PcsQuotePolicyCodec = /* @__PURE__ */ struct<PcsQuotePolicy>('PcsQuotePolicy', [
  ['disabled', bool, 'omitempty'],
  ['tcb_validity_period', u16, 'always'],
  ['min_tcb_evaluation_data_number', u32, 'always'],
  ['fmspc_whitelist', array(text), 'omitempty'],
  ['fmspc_blacklist', array(text), 'omitempty'],
  [
    'tdx',
    struct<TdxQuotePolicy>('TdxQuotePolicy', [['allowed_tdx_modules', array(TdxModulePolicyCodec), 'omitempty']]),
    'pointer'
  ]
])

/**
 * Codec of `quote.Policy` (also used by the `default_policy` consensus parameter).
 *
 * @example
 * QuotePolicyCodec.encode({ pcs: { tcb_validity_period: 30, min_tcb_evaluation_data_number: 16 } })
 *
 * @category codecs
 * @since 0.1.0
 */
export const QuotePolicyCodec: Wire<QuotePolicy> = /* @__PURE__ */ struct<QuotePolicy>('QuotePolicy', [
  ['ias', IasQuotePolicyCodec, 'pointer'],
  ['pcs', PcsQuotePolicyCodec, 'pointer']
])

const V0Codec = /* @__PURE__ */ struct<SgxConstraintsV0>('SgxConstraintsV0', [
  ['enclaves', array(EnclaveIdentityCodec), 'omitempty'],
  ['allowed_quote_statuses', array(i64), 'omitempty']
])

const V1Codec = /* @__PURE__ */ struct<SgxConstraintsV1>('SgxConstraintsV1', [
  ['v', u16, 'always'],
  ['enclaves', array(EnclaveIdentityCodec), 'omitempty'],
  ['policy', QuotePolicyCodec, 'pointer'],
  ['max_attestation_age', u64, 'omitempty']
])

const versionOf = (u: unknown): unknown =>
  u instanceof Map ? u.get('v') : typeof u === 'object' && u !== null ? (u as Record<string, unknown>)['v'] : undefined

/** Where the version key of the SGX constraints map at `start` is, if it has one. */
interface VersionKey {
  /** Offset of the key and of its value. */
  readonly keyAt: number
  readonly valueAt: number
  /** The key as written, when it is `"V"`. */
  readonly variant?: string
}

/**
 * Find the key that oasis-core's `cbor.GetVersion` reads `v` from, in the well-formed map at
 * `start`: the first text key equal to `"v"` ignoring case by default, the first `"v"` in strict
 * mode (which refuses a `"V"` key instead, CX2). Keys and values are checked only as upstream
 * checks items it skips; the layout's reader checks them fully afterwards.
 */
const findVersionKey = (c: Cursor, start: number): VersionKey | undefined => {
  const p: Cursor = { bytes: c.bytes, pos: start + 1, strict: c.strict, depth: (c.depth ?? 0) + 1 }
  const count = readLength(p, start)
  let variant: VersionKey | undefined
  for (let i = 0; i < count; i++) {
    const keyAt = p.pos
    let name: string | undefined
    if (peekByte(p) >> 5 === 3) {
      p.pos++
      const len = readLength(p, keyAt)
      if (len === 1 && (p.bytes[p.pos] === 0x76 || p.bytes[p.pos] === 0x56)) name = readTextBody(p, keyAt, len)
      else p.pos += len
    } else skipUnread(p)
    const valueAt = p.pos
    skipUnread(p)
    if (name === 'v') return { keyAt, valueAt }
    if (name === 'V') {
      if (c.strict !== true) return { keyAt, valueAt, variant: name }
      variant ??= { keyAt, valueAt, variant: name }
    }
  }
  return variant
}

/**
 * The version oasis-core's `GetVersion` reads from the item at `at` (an integer, by default
 * also a simple value read as one), or undefined when it reads none and falls back to v0.
 */
const versionAt = (c: Cursor, at: number): number | bigint | undefined => {
  const p: Cursor = { bytes: c.bytes, pos: at, strict: c.strict }
  const ib = peekByte(p)
  p.pos++
  if (ib >> 5 === 0) return readInteger(p, at)
  if (ib >= 0xe0 && ib <= 0xf8 && ib !== 0xf4 && ib !== 0xf5 && ib !== 0xf6 && ib !== 0xf7) {
    // CX3: strict mode refuses a simple value; oasis-core reads it as the version number.
    if (c.strict === true) throw new Problem('SimpleValueNotAllowed', `simple value 0x${ib.toString(16)} is not allowed`).atOffset(at).at('v')
    return ib === 0xf8 ? readSimpleArgument(p, at) : ib - 0xe0
  }
  if (ib === 0xf7 && c.strict === true) throw new Problem('SimpleValueNotAllowed', 'simple value 0xf7 is not allowed').atOffset(at).at('v') // CX3
  return undefined
}

class SgxConstraintsWire extends Wire<SgxConstraints> {
  readonly nilable = false
  /** C4.12: the layout of a value `u`, chosen by its `v` as oasis-core does. */
  private layoutOf(u: unknown): Wire<SgxConstraintsV0> | Wire<SgxConstraintsV1> | Problem {
    if (typeof u !== 'object' || u === null || Array.isArray(u) || u instanceof Uint8Array) {
      return wrongType('a map (SgxConstraints)', u)
    }
    const v = versionOf(u)
    // `v` absent or not an integer → v0 layout, in which any `v` key is an unknown field (also
    // `v: 0`); `v: 1` → v1; larger versions are not supported.
    if (v === 1 || v === 1n) return V1Codec
    if ((typeof v === 'number' || typeof v === 'bigint') && v >= 2) {
      return new Problem('UnsupportedVersion', `SGX constraints version ${v} is not supported (0 or 1)`).at('v')
    }
    return V0Codec
  }
  check(u: unknown): SgxConstraints | Problem {
    const layout = this.layoutOf(u)
    return layout instanceof Problem ? layout : layout.check(u)
  }
  /**
   * C4.12: the layout of the map at `start`, chosen as oasis-core's `SGXConstraints.UnmarshalCBOR`
   * does: `GetVersion` reads the version key (first `v`, any letter case by default, CX2); 1 →
   * v1; 2–65534 → refused; anything else (absent, 0, not an integer, beyond uint16, 65535,
   * Go's "no version" marker) → v0, whose reader refuses any version key as an unknown field.
   * Strict mode keeps its own reading: `v` as written, an integer ≥ 2 refused.
   */
  private layoutAt(c: Cursor, start: number): Wire<SgxConstraintsV0> | Wire<SgxConstraintsV1> {
    const key = findVersionKey(c, start)
    if (key === undefined) return V0Codec
    if (key.variant !== undefined && c.strict === true) {
      throw new Problem('CaseVariantKey', `key ${JSON.stringify(key.variant)} differs from the field name "v" in letter case`).atOffset(key.keyAt).at(key.variant) // CX2
    }
    const v = versionAt(c, key.valueAt)
    if (v === undefined || v === 0) return V0Codec
    if (v === 1) return V1Codec
    if (c.strict !== true && v >= 65535) return V0Codec
    throw new Problem('UnsupportedVersion', `SGX constraints version ${v} is not supported (0 or 1)`).atOffset(key.valueAt).at(key.variant ?? 'v')
  }
  override read(c: Cursor): SgxConstraints {
    // A map is read with the layout its version key picks; anything else as v0, which refuses it
    // (C4.7) as upstream's v0 decode does.
    if (peekByte(c) >> 5 !== 5) return V0Codec.read(c)
    return this.layoutAt(c, c.pos).read(c)
  }
  override get expected(): string {
    return 'a map (SgxConstraints)'
  }

  write(u: unknown): CborModel {
    const layout = this.layoutOf(u)
    if (layout instanceof Problem) throw layout
    return layout.write(u)
  }
  override emit(u: unknown, sink: CborSink): void {
    const layout = this.layoutOf(u)
    if (layout instanceof Problem) throw layout
    layout.emit(u, sink)
  }
  toJson(a: SgxConstraints): Json {
    return a.v === 1 ? V1Codec.toJson(a as SgxConstraintsV1) : V0Codec.toJson(a as SgxConstraintsV0)
  }
  fromJson(j: unknown): SgxConstraints | Problem {
    const layout = this.layoutOf(j)
    return layout instanceof Problem ? layout : layout.fromJson(j)
  }
  toOasisJson(a: SgxConstraints): OasisJson | Problem {
    return a.v === 1 ? V1Codec.toOasisJson(a as SgxConstraintsV1) : V0Codec.toOasisJson(a as SgxConstraintsV0)
  }
  goRead(j: unknown, _into: unknown, ctx: GoJsonContext): unknown {
    // The layout its `v` picks, read fresh (oasis-node's JSON holds SGX constraints only inside
    // the base64 `tee` bytes, so no document merges two of them).
    const layout = this.layoutOf(j)
    if (layout instanceof Problem) throw layout
    return [layout, layout.goRead(j, undefined, ctx)]
  }
  override goValue(state: unknown): unknown {
    const [layout, inner] = state as [Wire<unknown>, unknown]
    return layout.goValue(inner)
  }
  zero(): SgxConstraints {
    return {}
  }
  isEmpty(): boolean {
    return false
  }
}

/**
 * Codec of {@link SgxConstraints}, choosing the layout by `v` as oasis-core does (C4.12).
 *
 * @example
 * SgxConstraintsCodec.decode({ v: 1, enclaves: [] }) // right({ v: 1, enclaves: [] })
 *
 * @category codecs
 * @since 0.1.0
 */
export const SgxConstraintsCodec: Wire<SgxConstraints> = /* @__PURE__ */ new SgxConstraintsWire('SgxConstraints')
