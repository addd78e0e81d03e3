/**
 * `node.SGXConstraints`, the `tee` payload of a deployment when `tee_hardware` is 1 (Intel SGX),
 * in its two layouts: v0 (IAS only, no `v` key) and v1 (`v: 1`, quote policy).
 *
 * @since 0.1.0
 */
import type { CborModel } from '../codec/cbor.js'
import { array } from '../codec/containers.js'
import { Problem } from '../codec/problem.js'
import { type Cursor, readGeneric, readLength } from '../codec/reader.js'
import { bool, fixedBytes, i64, text, u16, u32, u64 } from '../codec/scalars.js'
import { struct } from '../codec/struct.js'
import { type Json, Wire, wrongType } from '../codec/wire.js'

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

// C4.9: the TDX `[48]byte` fields must be exactly 48 bytes (upstream pads or truncates silently).
const TdxModulePolicyCodec = /* @__PURE__ */ struct<TdxModulePolicy>('TdxModulePolicy', [
  ['mr_seam', fixedBytes(48), 'pointer'],
  ['mr_signer_seam', fixedBytes(48), 'always']
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

/** Offset of the value of the text key `v` in the well-formed map at `start`. */
const offsetOfV = (bytes: Uint8Array, start: number): number => {
  const c: Cursor = { bytes, pos: start + 1 }
  const count = readLength(c, start)
  for (let i = 0; i < count; i++) {
    const key = readGeneric(c)
    if (key === 'v') return c.pos
    readGeneric(c)
  }
  return start
}

class SgxConstraintsWire extends Wire<SgxConstraints> {
  readonly nilable = false
  /** C4.12: the layout of `u`, chosen by its `v` as oasis-core does. */
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
  override read(c: Cursor): SgxConstraints {
    // The layout depends on `v` wherever it stands: peek at the generic value, then read the
    // bytes again with that layout so problems carry the offset of their own item.
    const start = c.pos
    const layout = this.layoutOf(readGeneric(c))
    c.pos = start
    if (!(layout instanceof Problem)) return layout.read(c)
    throw layout.atOffset(layout.tag === 'UnsupportedVersion' ? offsetOfV(c.bytes, start) : start)
  }

  write(u: unknown): CborModel {
    const layout = this.layoutOf(u)
    if (layout instanceof Problem) throw layout
    return layout.write(u)
  }
  toJson(a: SgxConstraints): Json {
    return a.v === 1 ? V1Codec.toJson(a as SgxConstraintsV1) : V0Codec.toJson(a as SgxConstraintsV0)
  }
  fromJson(j: unknown): SgxConstraints | Problem {
    const layout = this.layoutOf(j)
    return layout instanceof Problem ? layout : layout.fromJson(j)
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
