/**
 * The one shape of every typed refusal in this library (decoding errors, rule violations, node,
 * scheduler, planner and registry refusals, eligibility exclusions): a `_tag`, the spec rule id it
 * enforces, a one-line `message` a person can act on, and the data to act on.
 *
 * Each layer declares its own table of tags → rule ids, its data by tag and its message by tag;
 * the types and the constructor here derive the union from those tables, so a tag, its rule and its
 * message can never disagree.
 *
 * @since 0.1.0
 */

/**
 * The member of a refusal union with tag `T`: `_tag`, `rule`, `message`, then the tag's data.
 *
 * @example
 * type TooMany = Refusal<typeof RULE_VIOLATION_RULES, RuleViolationData, 'TooManyDeployments'>
 * // { _tag: 'TooManyDeployments'; rule: 'D2'; message: string; count: number; limit: number }
 *
 * @category errors
 * @since 0.1.0
 */
export type Refusal<
  Rules extends Readonly<Record<string, string>>,
  Data extends { readonly [T in keyof Rules]: object },
  T extends keyof Rules
> = {
  readonly _tag: T
  /** The id of the spec rule the refusal enforces. */
  readonly rule: Rules[T]
  /** One line a person can act on. */
  readonly message: string
} & Data[T]

/**
 * The union of every member of a refusal table.
 *
 * @example
 * type RuleViolation = RefusalUnion<typeof RULE_VIOLATION_RULES, RuleViolationData>
 *
 * @category errors
 * @since 0.1.0
 */
export type RefusalUnion<
  Rules extends Readonly<Record<string, string>>,
  Data extends { readonly [T in keyof Rules]: object }
> = { readonly [T in keyof Rules]: Refusal<Rules, Data, T> }[keyof Rules]

/**
 * The message of each tag, computed from its data.
 *
 * @example
 * interface TooManyData { readonly TooManyDeployments: { readonly count: number; readonly limit: number } }
 * const MESSAGES: RefusalMessages<TooManyData> = { TooManyDeployments: (d) => `${d.count} deployments, at most ${d.limit}` }
 *
 * @category errors
 * @since 0.1.0
 */
export type RefusalMessages<Data> = { readonly [T in keyof Data]: (data: Data[T]) => string }

/**
 * A constructor for one refusal table: the rule and the message derive from the tag and the data.
 *
 * @example
 * const RULES = { TooManyDeployments: 'D2' } as const
 * const MESSAGES: RefusalMessages<{ readonly TooManyDeployments: { readonly count: number; readonly limit: number } }> = {
 *   TooManyDeployments: (d) => `${d.count} deployments, at most ${d.limit}`
 * }
 * const tooMany = refusalConstructor(RULES, MESSAGES)
 * tooMany('TooManyDeployments', { count: 6, limit: 5 }).rule // 'D2'
 *
 * @category constructors
 * @since 0.1.0
 */
export const refusalConstructor =
  <Rules extends Readonly<Record<string, string>>, Data extends { readonly [T in keyof Rules]: object }>(
    rules: Rules,
    messages: RefusalMessages<Data>
  ) =>
  <T extends keyof Rules & keyof Data>(tag: T, data: Data[T]): RefusalUnion<Rules, Data> =>
    ({ _tag: tag, rule: rules[tag], message: messages[tag](data), ...data }) as Refusal<Rules, Data, T> as RefusalUnion<
      Rules,
      Data
    >

/**
 * What every refusal of every table has in common, for code that reports refusals of any layer.
 *
 * @example
 * const line = (r: AnyRefusal): string => `${r.rule} ${r._tag}: ${r.message}`
 *
 * @category errors
 * @since 0.1.0
 */
export interface AnyRefusal {
  readonly _tag: string
  readonly rule: string
  readonly message: string
}
