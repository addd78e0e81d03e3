/**
 * Go integer types with text names (O1, O2 of `spec/codec.md`): on the CBOR wire they are plain
 * integers (oasis-core's CBOR ignores `MarshalText`), in oasis-node's JSON their `MarshalText`
 * names them (`"entity"` for governance model 1, `"backup-worker"` for role 2), as values and as
 * map keys. Go's `MarshalText` and `UnmarshalText` need not agree: governance model 0 is written
 * `"invalid"` but that name is not read back, so each side has its own list.
 *
 * @since 0.1.0
 */
import type { CborModel } from './cbor.js'
import type { CborSink } from './cborSink.js'
import type { KeyKind } from './containers.js'
import { Problem } from './problem.js'
import type { Cursor } from './reader.js'
import { type Json, type OasisJson, orThrow, Wire, wrongType } from './wire.js'

/**
 * The text names of a Go integer type: what `MarshalText` writes for each value (a value
 * without one makes Go's marshaller fail), and which names `UnmarshalText` reads (all of
 * `written` unless given).
 *
 * @category model
 * @since 0.1.0
 */
export interface TextNames {
  /** The Go type, for messages. */
  readonly goType: string
  readonly written: ReadonlyArray<readonly [number, string]>
  readonly read?: ReadonlyArray<string>
}

/**
 * The name `MarshalText` writes for `value` (O1), or the problem Go's marshaller reports.
 *
 * @example
 * import { GOVERNANCE_MODEL_NAMES, nameOfValue } from 'runtime-deployments'
 * nameOfValue(GOVERNANCE_MODEL_NAMES, 1) // 'entity'
 * nameOfValue(GOVERNANCE_MODEL_NAMES, 9) // Problem NoTextForm
 *
 * @category enumerations
 * @since 0.1.0
 */
export const nameOfValue = (names: TextNames, value: number | bigint): string | Problem => {
  // A bigint compares with the table's integers as a bigint; a fraction matches no entry.
  const found = names.written.find(([v]) => (typeof value === 'bigint' ? Number.isSafeInteger(v) && BigInt(v) === value : v === value))
  return found === undefined ? new Problem('NoTextForm', `${names.goType} ${value} has no text form (Go's MarshalText refuses it)`) : found[1]
}

/**
 * The value `UnmarshalText` reads from `name` (O2), or the problem naming the accepted names.
 *
 * @example
 * import { GOVERNANCE_MODEL_NAMES, valueOfName } from 'runtime-deployments'
 * valueOfName(GOVERNANCE_MODEL_NAMES, 'runtime') // 2
 * valueOfName(GOVERNANCE_MODEL_NAMES, 'invalid') // Problem UnknownName
 *
 * @category enumerations
 * @since 0.1.0
 */
export const valueOfName = (names: TextNames, name: unknown): number | Problem => {
  const readable = names.read ?? names.written.map(([, n]) => n)
  const found = typeof name === 'string' && readable.includes(name) ? names.written.find(([, n]) => n === name) : undefined
  if (found !== undefined) return found[0]
  if (typeof name !== 'string') return wrongType(`${names.goType} by name (${readable.join(', ')})`, name)
  return new Problem('UnknownName', `${JSON.stringify(name.slice(0, 40))} is no ${names.goType} (expected one of ${readable.join(', ')})`)
}

class NamedWire extends Wire<number> {
  readonly nilable = false
  override readonly goScalar = true
  constructor(
    private readonly inner: Wire<number>,
    private readonly names: TextNames
  ) {
    super(inner.name)
  }
  check(u: unknown): number | Problem {
    return this.inner.check(u)
  }
  override read(c: Cursor): number {
    return this.inner.read(c)
  }
  write(u: unknown): CborModel {
    return this.inner.write(u)
  }
  override emit(u: unknown, sink: CborSink): void {
    this.inner.emit(u, sink)
  }
  toJson(a: number): Json {
    return this.inner.toJson(a)
  }
  fromJson(j: unknown): number | Problem {
    return this.inner.fromJson(j)
  }
  toOasisJson(a: number): OasisJson | Problem {
    return nameOfValue(this.names, a)
  }
  goRead(j: unknown): number {
    // O2: UnmarshalText by name; Go refuses a number or anything but a string.
    const v = valueOfName(this.names, j)
    return orThrow(v instanceof Problem ? v : this.inner.check(v))
  }
  zero(): number {
    return this.inner.zero()
  }
  isEmpty(u: unknown): boolean {
    return this.inner.isEmpty(u)
  }
  override get expected(): string {
    return this.inner.expected
  }
}

/**
 * An integer wire type whose Go type has text names: the same CBOR and library JSON as `inner`,
 * names in oasis-node's JSON (O1, O2).
 *
 * @example
 * import { enumeration, GOVERNANCE_MODEL_NAMES, u8 } from 'runtime-deployments'
 * enumeration(u8, GOVERNANCE_MODEL_NAMES).toOasisJson(2) // 'runtime'
 *
 * @category enumerations
 * @since 0.1.0
 */
export const enumeration = (inner: Wire<number>, names: TextNames): Wire<number> => new NamedWire(inner, names)

/**
 * A map key kind whose Go type has text names: the same CBOR as `kind`, names in oasis-node's
 * JSON (O1, O2), where Go's `encoding/json` writes a map key with its `MarshalText`.
 *
 * @example
 * import { keys, namedKey, ROLE_NAMES } from 'runtime-deployments'
 * const roles = namedKey(keys.u8, ROLE_NAMES)
 *
 * @category enumerations
 * @since 0.1.0
 */
export const namedKey = <K extends number | bigint>(kind: KeyKind<K>, names: TextNames): KeyKind<K> => ({
  ...kind,
  oasisRender: (k) => nameOfValue(names, k),
  oasisParse: (s) => {
    const v = valueOfName(names, s)
    return v instanceof Problem ? v : kind.codec.check(v)
  }
})
