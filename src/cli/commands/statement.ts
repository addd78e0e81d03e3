/**
 * `rtdeploy statement verify`: verify a CCF transparent statement whole and judge it by a code
 * update policy (spec/trust.md TS1–TS12, CP1–CP4, AD1–AD5, SV1–SV2; CLI25).
 *
 * @since 0.1.0
 */
import { X509Certificate } from 'node:crypto'
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { parseExactJson } from '../../codec/jsonText.js'
import { fromBase64, fromHex } from '../../internal/bytes.js'
import { admitCodeIdentity } from '../../trust/admitCodeIdentity.js'
import { type CodeUpdatePolicyRules, evaluateCodeUpdatePolicy } from '../../trust/codeUpdatePolicy.js'
import { checkSvn, raiseSvnFloor, type SvnFloors } from '../../trust/svnFloor.js'
import type { ReceiptTrust, VerifiedStatement } from '../../trust/transparentStatement.js'
import { verifyTransparentStatement } from '../../trust/transparentStatement.js'
import { type Args, type Command, COMMON_OPTIONS } from '../command.js'
import { readInput } from '../input.js'
import { HexBytesJson } from '../jsonInputs.js'
import { badInput, EXIT, outcome, type Outcome, refusalOutcome } from '../output.js'

const text = (raw: Uint8Array): string => new TextDecoder().decode(raw)

// A statement file holds the COSE bytes, or their hex (whitespace allowed).
const statementBytes = (raw: Uint8Array): Uint8Array => {
  const t = text(raw).replace(/\s+/g, '')
  return raw[0] !== 0xd2 && t.length > 0 && /^[0-9a-fA-F]+$/.test(t) ? (fromHex(t) ?? raw) : raw
}

const PEM = /-----BEGIN (CERTIFICATE|PUBLIC KEY)-----([A-Za-z0-9+/=\s]+)-----END \1-----/g

/** SPKI DER of a certificate (DER bytes); undefined when it is none. */
const spkiOfCertificate = (der: Uint8Array): Uint8Array | undefined => {
  try {
    return new Uint8Array(new X509Certificate(der).publicKey.export({ format: 'der', type: 'spki' }))
  } catch {
    return undefined
  }
}

// One service key entry of a trust file: PEM (certificate or public key), base64 DER of either, or a JWK.
const serviceKey = (entry: unknown, where: string): E.Either<string, Uint8Array | Readonly<Record<string, unknown>>> => {
  if (typeof entry === 'object' && entry !== null && !Array.isArray(entry)) return E.right(entry as Record<string, unknown>)
  if (typeof entry !== 'string') return E.left(`${where}: neither a PEM or base64 string nor a JWK object`)
  const pem = [...entry.matchAll(PEM)]
  if (pem.length > 1) return E.left(`${where}: holds ${pem.length} PEM blocks; give one key per entry`)
  const der = fromBase64(pem.length === 1 ? pem[0]![2]!.replace(/\s+/g, '') : entry.trim())
  if (der === undefined) return E.left(`${where}: not PEM or base64`)
  return E.right(pem.length === 1 && pem[0]![1] === 'PUBLIC KEY' ? der : (spkiOfCertificate(der) ?? der))
}

/**
 * The receipt service keys a trust file names (TS11): `{"serviceKeys": [...]}` (each a PEM
 * certificate or public key, base64 DER of either, or a public JWK), a SCITT trust store
 * (`{"parameters": [{"serviceCertificate": base64 DER}…]}`), or PEM text.
 *
 * @example
 * trustOf('trust.json', '{"serviceKeys": []}') // right({ serviceKeys: [] })
 *
 * @category cli
 * @since 0.1.0
 */
export const trustOf = (path: string, contents: string): E.Either<string, ReceiptTrust> => {
  const json = parseExactJson(contents)
  if (E.isLeft(json)) {
    const blocks = [...contents.matchAll(PEM)]
    if (blocks.length === 0) return E.left(`${path}: neither JSON (${json.left}) nor PEM`)
    return keys(blocks.map((b, i) => serviceKey(b[0], `${path}: PEM block ${i}`)))
  }
  const doc = json.right as Record<string, unknown>
  const entries =
    Array.isArray(doc?.['serviceKeys'])
      ? (doc['serviceKeys'] as ReadonlyArray<unknown>).map((k, i) => serviceKey(k, `${path}: serviceKeys[${i}]`))
      : Array.isArray(doc?.['parameters'])
        ? (doc['parameters'] as ReadonlyArray<Record<string, unknown>>).map((p, i) => serviceKey(p?.['serviceCertificate'], `${path}: parameters[${i}].serviceCertificate`))
        : undefined
  if (entries === undefined) return E.left(`${path}: expected {"serviceKeys": [...]} or a SCITT trust store {"parameters": [{"serviceCertificate": ...}]}`)
  return keys(entries)
}

const keys = (entries: ReadonlyArray<E.Either<string, Uint8Array | Readonly<Record<string, unknown>>>>): E.Either<string, ReceiptTrust> =>
  E.map((serviceKeys: ReadonlyArray<Uint8Array | Readonly<Record<string, unknown>>>) => ({ serviceKeys }))(E.sequenceArray(entries))

// A uint64 given as its decimal text becomes a bigint; anything else is left for the checks to judge.
const fromDecimal = (u: unknown): unknown => (typeof u === 'string' && /^(0|[1-9][0-9]*)$/.test(u) ? BigInt(u) : u)

const POLICY_KEYS = new Set(['issuers', 'subjects', 'minSvn', 'algorithms', 'receiptIssuers'])

/**
 * A data policy from a JSON file (CP1): `issuers`, `subjects`, `algorithms`, `receiptIssuers`
 * (arrays of strings) and `minSvn` (an integer, or its decimal text); any other key is a mistake.
 *
 * @example
 * policyOf('policy.json', '{"minSvn": 100}') // right({ minSvn: 100 })
 *
 * @category cli
 * @since 0.1.0
 */
export const policyOf = (path: string, contents: string): E.Either<string, CodeUpdatePolicyRules> => {
  const json = parseExactJson(contents)
  if (E.isLeft(json)) return E.left(`${path}: ${json.left}`)
  const doc = json.right
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return E.left(`${path}: not a JSON object`)
  const unknown = Object.keys(doc).find((k) => !POLICY_KEYS.has(k))
  if (unknown !== undefined) return E.left(`${path}: unknown key "${unknown}" (expected ${[...POLICY_KEYS].join(', ')})`)
  const minSvn = (doc as Record<string, unknown>)['minSvn']
  return E.right({ ...(doc as CodeUpdatePolicyRules), ...(minSvn === undefined ? {} : { minSvn: fromDecimal(minSvn) as bigint }) })
}

/**
 * Security version floors from a JSON file (SV1): an array of `{"issuer", "subject", "svn"}`,
 * `svn` an integer or its decimal text; each issuer and subject at most once.
 *
 * @example
 * floorsOf('floors.json', '[{"issuer": "did:x509:…", "subject": "app", "svn": 3}]') // right(Map { … => 3 })
 *
 * @category cli
 * @since 0.1.0
 */
export const floorsOf = (path: string, contents: string): E.Either<string, SvnFloors> => {
  const json = parseExactJson(contents)
  if (E.isLeft(json)) return E.left(`${path}: ${json.left}`)
  const entries = json.right
  if (!Array.isArray(entries)) return E.left(`${path}: expected an array of {"issuer", "subject", "svn"}`)
  let floors: SvnFloors = new Map()
  const named = new Set<string>()
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as Record<string, unknown> | null
    const where = `${path}: [${i}]`
    if (typeof e !== 'object' || e === null || Array.isArray(e)) return E.left(`${where}: not an object`)
    const unknown = Object.keys(e).find((k) => k !== 'issuer' && k !== 'subject' && k !== 'svn')
    if (unknown !== undefined) return E.left(`${where}: unknown key "${unknown}" (expected issuer, subject, svn)`)
    const { issuer, subject, svn } = e
    if (typeof issuer !== 'string' || typeof subject !== 'string') return E.left(`${where}: issuer and subject must be strings`)
    const pair = JSON.stringify([issuer, subject])
    if (named.has(pair)) return E.left(`${where}: the floor of ${subject} signed by ${issuer} is given twice`)
    named.add(pair)
    const raised = raiseSvnFloor(floors, issuer, subject, fromDecimal(svn) as bigint)
    if (E.isLeft(raised)) return E.left(`${where}: svn must be a uint64 (${raised.left.message})`)
    floors = raised.right
  }
  return E.right(floors)
}

const optionalFile = <A>(args: Args, name: string, read: (path: string, contents: string) => E.Either<string, A>): E.Either<string, A | undefined> => {
  const path = args.values[name]
  if (path === undefined) return E.right(undefined)
  if (typeof path !== 'string') return E.left(`--${name} needs a file`)
  return pipe(
    readInput(path),
    E.chain((raw) => read(path, text(raw)))
  )
}

const identityOf = (args: Args): E.Either<string, Uint8Array | undefined> => {
  const hex = args.values['identity']
  if (hex === undefined) return E.right(undefined)
  return E.mapLeft(() => '--identity must be the code identity in hex (e.g. a 32-byte bundle checksum)')(HexBytesJson.decode(hex))
}

const describeStatement = (v: VerifiedStatement): string[] => [
  `statement: ${v.alg} by ${v.issuer}`,
  `  subject ${v.subject}${v.svn === undefined ? '' : `, svn ${String(v.svn)}`}${v.iat === undefined ? '' : `, issued at ${String(v.iat)}`}`,
  `  payload ${bytesToHex(v.payload)}`,
  ...v.receipts.map(
    (r, i) =>
      `receipt ${i}: ${r.alg} from ${r.issuer ?? '(no issuer)'}, ${r.registrationTxid === undefined ? '' : `registered at ${r.registrationTxid}, `}signed at ${r.txid}, service key ${r.kid}`
  )
]

const judge = (
  bytes: Uint8Array,
  trust: ReceiptTrust,
  policy: CodeUpdatePolicyRules | undefined,
  identity: Uint8Array | undefined,
  floors: SvnFloors | undefined
): Outcome => {
  const verified = verifyTransparentStatement(bytes, trust)
  if (E.isLeft(verified)) return refusalOutcome('refused', verified.left, {})
  const v = verified.right
  const lines = describeStatement(v)
  if (identity !== undefined) {
    // AD2–AD5 on this statement alone: nothing is trusted outright here.
    const admitted = admitCodeIdentity(identity, {
      trusted: [],
      statement: bytes,
      trust,
      ...(policy === undefined ? {} : { policy }),
      ...(floors === undefined ? {} : { floors })
    })
    if (E.isLeft(admitted)) return withLines(refusalOutcome('refused', admitted.left, { statement: summary(v) }), lines)
    return outcome(EXIT.ok, [...lines, `admitted: code identity ${bytesToHex(identity)} is endorsed and the policy accepts it`], { ok: true, statement: summary(v), admitted: true })
  }
  if (floors !== undefined) {
    // SV2: a statement without an svn counts as svn 0, as admission counts it (AD5).
    const above = checkSvn(floors, v.issuer, v.subject, v.svn ?? 0)
    if (E.isLeft(above)) return withLines(refusalOutcome('refused', above.left, { statement: summary(v) }), lines)
    lines.push(`svn ${String(v.svn ?? 0)} is at or above the floor of ${v.subject} signed by ${v.issuer}`)
  }
  if (policy === undefined) return outcome(EXIT.ok, [...lines, 'verified (no --policy given: nothing judged it)'], { ok: true, statement: summary(v) })
  const judged = evaluateCodeUpdatePolicy(policy, [v])
  if (E.isLeft(judged)) return withLines(refusalOutcome('refused', judged.left, { statement: summary(v) }), lines)
  return outcome(EXIT.ok, [...lines, 'accepted by the policy'], { ok: true, statement: summary(v), accepted: true })
}

// --json: what the statement says, without the certificates and header bytes it was checked with.
const summary = ({ x5chain, protectedBytes: _p, ...rest }: VerifiedStatement) => ({ ...rest, certificates: x5chain.length })

const withLines = (o: Outcome, before: ReadonlyArray<string>): Outcome => ({ ...o, text: [...before, ...o.text] })

/**
 * `rtdeploy statement verify <statement> --trust FILE [--policy FILE] [--identity HEX] [--floors FILE]`.
 *
 * @example
 * rtdeploy statement verify release.cose --trust ledger.json --policy policy.json
 *
 * @category cli
 * @since 0.1.0
 */
export const statement: Command = {
  name: 'statement',
  summary: 'verify a CCF transparent statement and judge it by a code update policy (TS, CP, AD)',
  usage: `rtdeploy statement verify <statement> --trust FILE [--policy FILE] [--identity HEX] [--floors FILE] [--json]

  Verifies a transparent statement whole (COSE_Sign1, did:x509 issuer against its certificate
  chain, signature, every ledger receipt: claims digest, Merkle root, service key, signature) and
  then, with --policy, judges it by a code update policy.
  <statement>    the COSE bytes, or their hex
  --trust FILE   the receipt service keys: {"serviceKeys": [PEM, base64 DER or JWK…]}, a SCITT
                 trust store {"parameters": [{"serviceCertificate": …}]}, or PEM text
  --policy FILE  {"issuers": […], "subjects": […], "minSvn": N, "algorithms": […],
                 "receiptIssuers": […]}, every field optional
  --identity HEX also require the statement to endorse this code identity (its payload exactly)
                 and the policy to accept it, as admission does (a policy is then required)
  --floors FILE  security version floors, [{"issuer": …, "subject": …, "svn": N}…]: the
                 statement's svn (0 when it has none) must be at or above its issuer and
                 subject's floor, so that a rollback to an older build is refused
  Exit 0 verified (and accepted), 1 refused by a check or the policy, 2 bad input.`,
  options: { ...COMMON_OPTIONS, trust: { type: 'string' }, policy: { type: 'string' }, identity: { type: 'string' }, floors: { type: 'string' } },
  positionals: 2,
  run: (args) => {
    if (args.positionals[0] !== 'verify') return badInput(`unknown statement subcommand "${args.positionals[0]}" (expected: verify)`)
    if (typeof args.values['trust'] !== 'string') return badInput('--trust is required: the ledger service keys receipts must come from')
    return pipe(
      E.Do,
      E.bind('raw', () => readInput(args.positionals[1]!)),
      E.bind('trust', () => optionalFile(args, 'trust', trustOf)),
      E.bind('policy', () => optionalFile(args, 'policy', policyOf)),
      E.bind('identity', () => identityOf(args)),
      E.bind('floors', () => optionalFile(args, 'floors', floorsOf)),
      E.match(badInput, ({ raw, trust, policy, identity, floors }) => judge(statementBytes(raw), trust!, policy, identity, floors))
    )
  }
}
