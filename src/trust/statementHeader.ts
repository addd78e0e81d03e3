/**
 * The protected header of a signed statement (TS2): algorithm, certificate chain and CWT claims.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import { CborTagged, type CborValue } from '../codec/reader.js'
import { isU64, type U64 } from '../internal/uint64.js'
import { asHeader, type CoseHeader } from './coseSign1.js'
import { COSE_ALGORITHMS, type CoseAlgorithm } from './coseSignature.js'

/**
 * What a signed statement's protected header says (TS2).
 *
 * @category trust
 * @since 0.1.0
 */
export interface StatementHeader {
  readonly alg: CoseAlgorithm
  /** `cty` (label 3), when present: a content format number or a media type. */
  readonly cty?: number | bigint | string
  /** `x5chain` (label 33), leaf first, never empty. */
  readonly x5chain: ReadonlyArray<Uint8Array>
  /** CWT `iss`: a did:x509, never empty. */
  readonly iss: string
  /** CWT `sub`. */
  readonly sub: string
  /** CWT `iat`, seconds since 1970, when present (tag 1 removed). */
  readonly iat?: number | bigint
  /** The `"svn"` claim, when present. */
  readonly svn?: U64
}

/**
 * The field of a header that is malformed, and why.
 *
 * @category trust
 * @since 0.1.0
 */
export interface HeaderProblem {
  readonly field: string
  readonly reason: string
}

const bad = (field: string, reason: string): E.Either<HeaderProblem, never> => E.left({ field, reason })

const isInteger = (v: CborValue | undefined): v is number | bigint => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))

/**
 * Read a COSE algorithm label of a header: an integer naming one of `accepted`.
 *
 * @example
 * headerAlgorithm(new Map([[1, -7]]), ['ES256']) // right('ES256')
 *
 * @category trust
 * @since 0.1.0
 */
export const headerAlgorithm = (
  header: CoseHeader,
  accepted: ReadonlyArray<CoseAlgorithm>
): E.Either<HeaderProblem, CoseAlgorithm> => {
  const alg = header.get(1)
  if (alg === undefined) return bad('alg', 'missing')
  if (!isInteger(alg)) return bad('alg', 'not an integer')
  const name = typeof alg === 'number' ? COSE_ALGORITHMS.get(alg) : undefined
  return name !== undefined && accepted.includes(name)
    ? E.right(name)
    : bad('alg', `${String(alg)} is not one of ${accepted.join(', ')}`)
}

/**
 * A CWT `iat`: an integer, or tag 1 wrapping one (reference §1.6 D8); `undefined` for anything else.
 *
 * @example
 * cwtTime(new CborTagged(1, 1766437887)) // 1766437887
 *
 * @category trust
 * @since 0.1.0
 */
export const cwtTime = (v: CborValue): number | bigint | undefined => {
  const inner = v instanceof CborTagged && v.tag === 1 ? v.value : v
  return isInteger(inner) ? inner : undefined
}

const ALL: ReadonlyArray<CoseAlgorithm> = [...COSE_ALGORITHMS.values()]

/**
 * Read a signed statement's protected header (TS2). Labels other than alg, cty, x5chain and CWT
 * claims are not read.
 *
 * @example
 * import { readStatementHeader } from 'runtime-deployments'
 * readStatementHeader(new Map([[1, -7]])) // left({ field: 'x5chain', reason: 'missing' })
 *
 * @category trust
 * @since 0.1.0
 */
export const readStatementHeader = (header: CoseHeader): E.Either<HeaderProblem, StatementHeader> => {
  const alg = headerAlgorithm(header, ALL)
  if (E.isLeft(alg)) return alg
  const cty = header.get(3)
  if (cty !== undefined && !isInteger(cty) && typeof cty !== 'string') return bad('cty', 'neither an integer nor text')
  const chain = header.get(33)
  if (chain === undefined) return bad('x5chain', 'missing')
  // RFC 9360 §2: one certificate as a byte string, several as an array of them.
  const x5chain = chain instanceof Uint8Array ? [chain] : Array.isArray(chain) ? (chain as ReadonlyArray<CborValue>) : undefined
  if (x5chain === undefined) return bad('x5chain', 'neither a byte string nor an array')
  if (x5chain.length === 0) return bad('x5chain', 'empty')
  if (!x5chain.every((c) => c instanceof Uint8Array)) return bad('x5chain', 'an element is not a byte string')
  const cwtValue = header.get(15)
  if (cwtValue === undefined) return bad('cwt', 'missing')
  const cwt = asHeader(cwtValue)
  if (cwt === undefined) return bad('cwt', 'not a map')
  const iss = cwt.get(1)
  if (typeof iss !== 'string' || iss === '') return bad('cwt.iss', iss === undefined ? 'missing' : 'not non-empty text')
  const sub = cwt.get(2)
  if (typeof sub !== 'string') return bad('cwt.sub', sub === undefined ? 'missing' : 'not text')
  const iatValue = cwt.get(6)
  const iat = iatValue === undefined ? undefined : cwtTime(iatValue)
  if (iatValue !== undefined && iat === undefined) return bad('cwt.iat', 'neither an integer nor tag 1 around one')
  const svn = cwt.get('svn')
  if (svn !== undefined && !isU64(svn)) return bad('cwt.svn', 'not a uint64')
  return E.right({
    alg: alg.right,
    ...(cty === undefined ? {} : { cty: cty as number | bigint | string }),
    x5chain: x5chain as ReadonlyArray<Uint8Array>,
    iss,
    sub,
    ...(iat === undefined ? {} : { iat }),
    ...(svn === undefined ? {} : { svn: svn as U64 })
  })
}
