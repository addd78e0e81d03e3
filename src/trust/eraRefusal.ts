/**
 * Typed refusals of Mithril era markers (ER rules of `spec/trust.md`).
 *
 * @since 0.1.0
 */
import { type RefusalMessages, refusalConstructor, type RefusalUnion } from '../codec/refusal.js'
import { formatU64, type U64 } from '../internal/uint64.js'

/**
 * The rule each era-marker refusal enforces.
 *
 * @example
 * ERA_REFUSAL_RULES.InvalidEraSignature // 'ER3'
 *
 * @category trust
 * @since 0.1.0
 */
export const ERA_REFUSAL_RULES = {
  MalformedEraKey: 'ER1',
  MalformedEraPayload: 'ER2',
  MissingEraSignature: 'ER3',
  InvalidEraSignature: 'ER3',
  NoValidEraDatum: 'ER4',
  CurrentEraNotFound: 'ER5'
} as const

/**
 * The `_tag` of an {@link EraRefusal}.
 *
 * @category trust
 * @since 0.1.0
 */
export type EraRefusalTag = keyof typeof ERA_REFUSAL_RULES

/**
 * The data each era-marker refusal carries, by tag.
 *
 * @category trust
 * @since 0.1.0
 */
export interface EraRefusalData {
  readonly MalformedEraKey: { readonly reason: string }
  readonly MalformedEraPayload: { readonly reason: string }
  readonly MissingEraSignature: Record<string, never>
  readonly InvalidEraSignature: { readonly reason: string }
  readonly NoValidEraDatum: { readonly datums: number; readonly reasons: ReadonlyArray<string> }
  readonly CurrentEraNotFound: { readonly epoch: U64; readonly eras: ReadonlyArray<string> }
}

/**
 * Why era markers are refused or no era applies.
 *
 * @example
 * import { eraRefusal } from 'runtime-deployments'
 * eraRefusal('MissingEraSignature', {}).rule // 'ER3'
 *
 * @category trust
 * @since 0.1.0
 */
export type EraRefusal = RefusalUnion<typeof ERA_REFUSAL_RULES, EraRefusalData>

const MESSAGES: RefusalMessages<EraRefusalData> = {
  MalformedEraKey: (d) => `the era verification key is malformed: ${d.reason}`,
  MalformedEraPayload: (d) => `the era markers payload is malformed: ${d.reason}`,
  MissingEraSignature: () => 'the era markers payload carries no signature',
  InvalidEraSignature: (d) => `the era markers signature does not verify under the era key: ${d.reason}`,
  NoValidEraDatum: (d) =>
    `none of the ${d.datums} datum${d.datums === 1 ? '' : 's'} holds valid signed era markers${d.reasons.length === 0 ? '' : ` (${d.reasons.join('; ')})`}`,
  CurrentEraNotFound: (d) =>
    `no era marker is active at epoch ${formatU64(d.epoch)} (markers: ${d.eras.length === 0 ? 'none' : d.eras.join(', ')})`
}

/**
 * Build an {@link EraRefusal}; the rule and the message derive from the tag and the data.
 *
 * @example
 * eraRefusal('CurrentEraNotFound', { epoch: 9, eras: [] }).message // 'no era marker is active at epoch 9 (markers: none)'
 *
 * @category trust
 * @since 0.1.0
 */
export const eraRefusal = refusalConstructor(ERA_REFUSAL_RULES, MESSAGES)
