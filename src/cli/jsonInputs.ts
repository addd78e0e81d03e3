/**
 * The CLI's JSON inputs described as io-ts codecs (the stable `io-ts` API): the few combinators
 * they are built from, the leaf codecs they share (uint64s, version strings, wire types in their
 * JSON form), the policy file, and a reporter that turns io-ts `Errors` into one line saying which
 * field is wrong, what was expected and what was found: `scenario.events[3].epoch: must be a
 * uint64 (number or decimal string), got -1`. Nothing here throws.
 *
 * Objects are strict: `t.exact` alone would drop unknown keys silently, so {@link strict} refuses
 * them first and lists every key the codec allows.
 *
 * @since 0.1.0
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { fromJsonWith } from '../codec/codec.js'
import type { Json, Wire } from '../codec/wire.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { fromHex } from '../internal/bytes.js'
import { checkU64, isU64, MAX_U64, type U64, u64FromBigint } from '../internal/uint64.js'
import { parseVersion } from '../rules/parseVersion.js'
import type { Policy } from '../rules/policy.js'
import { formatVersion } from '../rules/version.js'
import { type ConsensusParameters, ConsensusParametersCodec } from '../schema/params.js'
import { type Version, VersionCodec } from '../schema/version.js'
import { NETWORK_PARAMS } from './networks.js'

// -------------------------------------------------------------------------------------
// reporting
// -------------------------------------------------------------------------------------

// The context entry of a failure inside a wire value: its key is the whole path the wire codec
// reported below that value (`deployments[1].valid_from`), printed as it is.
const WIRE_PATH: t.Decoder<unknown, unknown> = /* @__PURE__ */ new t.Type<unknown>('wire path', (_): _ is unknown => true, t.success, t.identity)

const step = (path: string, key: string): string => (path === '' || key.startsWith('[') ? `${path}${key}` : `${path}.${key}`)

/**
 * The field path of an io-ts context, below `root`: `.key` for object fields, `[i]` for array
 * items. Union and intersection members validate the same value again and add no step.
 *
 * @example
 * pathOf(error.context, 'scenario') // 'scenario.events[3].runtime'
 *
 * @category reporting
 * @since 0.1.0
 */
export const pathOf = (context: t.Context, root = ''): string => {
  let path = root
  for (let i = 1; i < context.length; i++) {
    const { key, type, actual } = context[i]!
    const parent = context[i - 1]!.actual
    if (type === WIRE_PATH) path = step(path, key)
    else if (!Object.is(actual, parent)) path = Array.isArray(parent) ? `${path}[${key}]` : step(path, key)
  }
  return path
}

const shown = (u: unknown): string => {
  if (u === null) return 'null'
  if (Array.isArray(u)) return 'an array'
  if (typeof u === 'object') return 'an object'
  if (typeof u === 'string') return JSON.stringify(u.length > 40 ? `${u.slice(0, 40)}…` : u)
  return String(u)
}

/**
 * The first of io-ts `Errors` in one line: the field path (below `root`), then the codec's own
 * message, or what the field must be and what it is.
 *
 * @example
 * describeErrors(errors, 'scenario') // 'scenario.epochs: must be an integer from 0 to 100000, got -1'
 * describeErrors(errors, 'scenario') // 'scenario.epochs: missing (must be an integer from 0 to 100000)'
 *
 * @category reporting
 * @since 0.1.0
 */
export const describeErrors = (errors: t.Errors, root = ''): string => {
  const e = errors[0]
  if (e === undefined) return root === '' ? 'invalid' : `${root}: invalid`
  const path = pathOf(e.context, root)
  const expected = e.context[e.context.length - 1]?.type.name ?? 'valid'
  const detail = e.message ?? (e.value === undefined ? `missing (must be ${expected})` : `must be ${expected}, got ${shown(e.value)}`)
  return path === '' ? detail : `${path}: ${detail}`
}

/**
 * Decode a parsed JSON value with `codec`, or the first error in one line (see
 * {@link describeErrors}).
 *
 * @example
 * decodeJson(PolicyJson)({ minLeadEpochs: '4' }) // right({ minLeadEpochs: 4 })
 *
 * @category reporting
 * @since 0.1.0
 */
export const decodeJson =
  <A>(codec: t.Decoder<unknown, A>, root = '') =>
  (u: unknown): E.Either<string, A> =>
    E.mapLeft((errors: t.Errors) => describeErrors(errors, root))(codec.decode(u))

// -------------------------------------------------------------------------------------
// combinators
// -------------------------------------------------------------------------------------

/**
 * A leaf codec: values for which `is` holds, unchanged. `name` says what they are ("a string"),
 * and is what a refusal says the field must be.
 *
 * @example
 * leaf('a string', (u): u is string => typeof u === 'string')
 *
 * @category combinators
 * @since 0.1.0
 */
export const leaf = <A>(name: string, is: (u: unknown) => u is A): t.Type<A, A, unknown> =>
  new t.Type<A, A, unknown>(name, is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c)), t.identity)

/**
 * A JSON object with the `required` and `optional` fields and no other:
 * `t.exact(t.intersection([t.type(required), t.partial(optional)]))`, after a check that refuses
 * an unknown key (at its path, listing every allowed key). `noun` names the object in that
 * message (`unknown policy field "x"`); `name` is what a value that is no object must be.
 *
 * @example
 * strict('a node object', 'node', { name: t.string }, { binary: t.array(t.string) })
 *
 * @category combinators
 * @since 0.1.0
 */
export const strict = <R extends t.Props, P extends t.Props>(name: string, noun: string, required: R, optional: P) => {
  const exact = t.exact(t.intersection([t.type(required), t.partial(optional)]), name)
  const allowed = [...Object.keys(required), ...Object.keys(optional)]
  const unknown = noun === '' ? 'unknown field' : `unknown ${noun} field`
  return new t.Type<t.TypeOf<typeof exact>, t.OutputOf<typeof exact>, unknown>(
    name,
    exact.is,
    (u, c) => {
      if (!t.UnknownRecord.is(u)) return t.failure(u, c)
      const extra = Object.keys(u).find((k) => !allowed.includes(k))
      if (extra === undefined) return exact.validate(u, c)
      return t.failure(u[extra], t.appendContext(c, extra, t.unknown, u[extra]), `${unknown} ${JSON.stringify(extra)} (allowed: ${allowed.join(', ')})`)
    },
    exact.encode
  )
}

/**
 * `codec`, with `value` when the field is absent or `null`.
 *
 * @example
 * withDefault(t.array(t.string), []) // decodes undefined and null to []
 *
 * @category combinators
 * @since 0.1.0
 */
export const withDefault = <A, O>(codec: t.Type<A, O, unknown>, value: A): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(codec.name, codec.is, (u, c) => (u === undefined || u === null ? t.success(value) : codec.validate(u, c)), codec.encode)

/**
 * A JSON object whose every value is a `codec` value, decoded to its entries in the object's
 * order (any key, `__proto__` included, stays an entry).
 *
 * @example
 * entries(t.number, 'an object of numbers').decode({ a: 1 }) // right([['a', 1]])
 *
 * @category combinators
 * @since 0.1.0
 */
export const entries = <C extends t.Mixed>(
  codec: C,
  name: string
): t.Type<ReadonlyArray<readonly [string, t.TypeOf<C>]>, Record<string, t.OutputOf<C>>, unknown> =>
  new t.Type<ReadonlyArray<readonly [string, t.TypeOf<C>]>, Record<string, t.OutputOf<C>>, unknown>(
    name,
    (u): u is ReadonlyArray<readonly [string, t.TypeOf<C>]> =>
      Array.isArray(u) && u.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && codec.is(e[1])),
    (u, c) => {
      if (!t.UnknownRecord.is(u)) return t.failure(u, c)
      const out: Array<readonly [string, t.TypeOf<C>]> = []
      for (const [k, v] of Object.entries(u)) {
        const r = codec.validate(v, t.appendContext(c, k, codec, v))
        if (E.isLeft(r)) return r
        out.push([k, r.right])
      }
      return t.success(out)
    },
    (a) => Object.fromEntries(a.map(([k, v]) => [k, codec.encode(v) as t.OutputOf<C>]))
  )

/**
 * A union of object codecs told apart by which key is present: the first case whose key the
 * object has (not `undefined`) decodes it, so a refusal comes from that case alone rather than
 * from every member as with `t.union`; `none` is the message when no key is present, after the
 * name of a key outside `allowed` (every key some case takes) when there is one.
 *
 * @example
 * const NodeEvent = strict('a node event', 'event', { node: t.string }, {})
 * const ScheduleEvent = strict('a schedule event', 'event', { schedule: t.string }, {})
 * keyed('an event object', [['node', NodeEvent], ['schedule', ScheduleEvent]], 'needs "node" or "schedule"')
 *
 * @category combinators
 * @since 0.1.0
 */
export const keyed = <CS extends readonly [t.Mixed, ...t.Mixed[]]>(
  name: string,
  cases: { readonly [I in keyof CS]: readonly [key: string, codec: CS[I]] },
  none: string,
  allowed: ReadonlyArray<string> = []
): t.Type<t.TypeOf<CS[number]>, t.OutputOf<CS[number]>, unknown> => {
  const list = cases as unknown as ReadonlyArray<readonly [string, t.Mixed]>
  return new t.Type<t.TypeOf<CS[number]>, t.OutputOf<CS[number]>, unknown>(
    name,
    (u): u is t.TypeOf<CS[number]> => list.some(([, codec]) => codec.is(u)),
    (u, c) => {
      if (!t.UnknownRecord.is(u)) return t.failure(u, c)
      const hit = list.find(([key]) => u[key] !== undefined)
      if (hit !== undefined) return hit[1].validate(u, c)
      // CLI12: a misspelt key is the likely cause; name it, with every key any kind allows.
      const unknown = allowed.length === 0 ? undefined : Object.keys(u).find((k) => !allowed.includes(k))
      return t.failure(u, c, unknown === undefined ? none : `unknown field ${JSON.stringify(unknown)} (allowed: ${allowed.join(', ')}); ${none}`)
    },
    (a) => {
      const hit = list.find(([, codec]) => codec.is(a))
      return hit === undefined ? a : hit[1].encode(a)
    }
  )
}

/**
 * A wire type read from its JSON form (`fromJsonWith`): the wire codec stays the one description
 * of the value; a refusal names the rule and the path inside the value.
 *
 * @example
 * fromWireJson(ConsensusParametersCodec).decode({ max_runtime_deployments: 4 }) // right({ max_runtime_deployments: 4 })
 *
 * @category combinators
 * @since 0.1.0
 */
export const fromWireJson = <A>(codec: Wire<A>): t.Type<A, Json, unknown> =>
  new t.Type<A, Json, unknown>(
    codec.name,
    (u): u is A => codec.is(u),
    (u, c) => {
      const r = fromJsonWith(codec)(u)
      if (E.isRight(r)) return t.success(r.right)
      return t.failure(u, r.left.path === '' ? c : t.appendContext(c, r.left.path, WIRE_PATH, undefined), `${r.left.rule} ${r.left.message}`)
    },
    (a) => codec.toJson(a)
  )

// -------------------------------------------------------------------------------------
// leaves
// -------------------------------------------------------------------------------------

/**
 * A JSON string.
 *
 * @category leaves
 * @since 0.1.0
 */
export const Text = /* @__PURE__ */ leaf('a string', (u): u is string => typeof u === 'string')

/**
 * A JSON string that is not empty (a name).
 *
 * @category leaves
 * @since 0.1.0
 */
export const NonEmptyText = /* @__PURE__ */ leaf('a non-empty string', (u): u is string => typeof u === 'string' && u !== '')

/**
 * `true` or `false`.
 *
 * @category leaves
 * @since 0.1.0
 */
export const Flag = /* @__PURE__ */ leaf('a boolean', (u): u is boolean => typeof u === 'boolean')

/**
 * A version string, parsed as oasis-core does (T6): `"1.2.0"` decodes to `{ major: 1, minor: 2 }`;
 * a string that does not parse is refused with T6's reason.
 *
 * @example
 * VersionString.decode('1.2.0') // right({ major: 1, minor: 2 })
 *
 * @category leaves
 * @since 0.1.0
 */
export const VersionString: t.Type<Version, string, unknown> = /* @__PURE__ */ new t.Type<Version, string, unknown>(
  'a version string such as "1.2.0"',
  (u): u is Version => VersionCodec.is(u),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c)
    const v = parseVersion(u)
    return E.isRight(v) ? t.success(v.right) : t.failure(u, c, v.left.message)
  },
  formatVersion
)

const DECIMAL = /^(0|[1-9][0-9]*)$/

// A decimal uint64 (no sign, no leading zero, at most 2^64 - 1) in normal form.
const u64FromDecimal = (s: string): U64 | undefined => {
  if (!DECIMAL.test(s)) return undefined
  const n = BigInt(s)
  return n <= MAX_U64 ? u64FromBigint(n) : undefined
}

const u64ToJson = (a: U64): number | string => (typeof a === 'bigint' ? a.toString() : a)

const u64Codec = (name: string, parse: (u: unknown) => U64 | undefined): t.Type<U64, number | string, unknown> =>
  new t.Type<U64, number | string, unknown>(
    name,
    isU64,
    (u, c) => {
      const n = parse(u)
      return n === undefined ? t.failure(u, c) : t.success(n)
    },
    u64ToJson
  )

/**
 * A uint64 of a scenario (`epoch`, `lead`) or a policy (`minLeadEpochs`, `freezeEpochs`): a safe
 * non-negative integer number, or a decimal string up to 2^64 − 1, exactly what the library
 * accepts (DX2); a number beyond 2^53 − 1 is refused rather than taken as `JSON.parse` rounded it
 * (CLI15).
 *
 * @example
 * U64Json.decode('4') // right(4)
 * U64Json.decode(2 ** 60) // left: beyond 2^53 − 1 a number may have been rounded; write a string
 *
 * @category leaves
 * @since 0.1.0
 */
export const U64Json = /* @__PURE__ */ u64Codec('a uint64 (a number up to 2^53 - 1, or a decimal string)', (u) =>
  typeof u === 'number' ? checkU64(u) : typeof u === 'string' ? u64FromDecimal(u) : undefined
)

/**
 * A count of a policy (`maxFutureDeployments`): a safe non-negative integer, as a number or a
 * decimal string.
 *
 * @example
 * CountJson.decode('3') // right(3)
 *
 * @category leaves
 * @since 0.1.0
 */
export const CountJson: t.Type<number, number, unknown> = /* @__PURE__ */ new t.Type<number, number, unknown>(
  'a non-negative integer (number or decimal string)',
  (u): u is number => Number.isSafeInteger(u) && (u as number) >= 0,
  (u, c) => {
    const n = typeof u === 'number' ? u : typeof u === 'string' ? u64FromDecimal(u) : undefined
    return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? t.success(n) : t.failure(u, c)
  },
  t.identity
)

/**
 * Non-empty bytes as hex text (a code identity: a bundle checksum, an enclave's
 * `mr_enclave ‖ mr_signer`).
 *
 * @example
 * HexBytesJson.decode('0a0b') // right(Uint8Array [10, 11])
 *
 * @category leaves
 * @since 0.1.0
 */
export const HexBytesJson: t.Type<Uint8Array, string, unknown> = /* @__PURE__ */ new t.Type<Uint8Array, string, unknown>(
  'non-empty bytes as hex',
  (u): u is Uint8Array => u instanceof Uint8Array && u.length > 0,
  (u, c) => {
    const b = typeof u === 'string' ? fromHex(u) : undefined
    return b !== undefined && b.length > 0 ? t.success(b) : t.failure(u, c)
  },
  (b) => bytesToHex(b)
)

// -------------------------------------------------------------------------------------
// inputs
// -------------------------------------------------------------------------------------

/**
 * Consensus parameters in their JSON form: the wire codec `ConsensusParametersCodec` itself, so
 * `--params FILE` (read by `readWire`) and a scenario's `params` share one description.
 *
 * @example
 * ParamsJson.decode({ max_runtime_deployments: 4 }) // right({ max_runtime_deployments: 4 })
 *
 * @category inputs
 * @since 0.1.0
 */
export const ParamsJson: t.Type<ConsensusParameters, Json, unknown> = /* @__PURE__ */ fromWireJson(ConsensusParametersCodec)

/**
 * The registry consensus parameters assumed when none are given (`--params` absent, a scenario
 * without `params`), CLI16: those of an oasis-core local network as `oasis-net-runner` creates
 * it (`oasis-node genesis init --registry.enable_runtime_governance_models entity,runtime`), so
 * entity (1) and runtime (2) governance are enabled (VR12). Every other field is at its zero
 * value: at most 2 deployments (D2), no TEE features, and none of the net runner's debug
 * leniencies (`debug_allow_test_runtimes`); give `--params` or `--network` for another network.
The same value as `NETWORK_PARAMS.local`.
 *
 * @example
 * DEFAULT_PARAMS.enable_runtime_governance_models?.get(2) // true
 *
 * @category inputs
 * @since 0.1.0
 */
export const DEFAULT_PARAMS: ConsensusParameters = NETWORK_PARAMS.local

/**
 * A policy file (`--policy FILE`, a scenario's `policy`): the fields of {@link Policy}, each
 * optional; epochs as numbers or decimal strings; no other key.
 *
 * @example
 * PolicyJson.decode({ minLeadEpochs: '4', noPendingDowngrade: true }) // right({ minLeadEpochs: 4, noPendingDowngrade: true })
 *
 * @category inputs
 * @since 0.1.0
 */
export const PolicyJson: t.Type<Policy, unknown, unknown> = /* @__PURE__ */ strict(
  'a JSON object (a policy)',
  'policy',
  {},
  {
    minLeadEpochs: U64Json,
    freezeEpochs: U64Json,
    noPendingDowngrade: Flag,
    immutableScheduledIdentity: Flag,
    maxFutureDeployments: CountJson,
    admittedCodeIdentities: t.readonlyArray(HexBytesJson)
  }
)
