/** Shared checks for every refusal table (rule ids exist in spec/, messages are one line). */
import { readdirSync, readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import type { AnyRefusal } from '../../src/codec/refusal.js'

const SPEC_DIR = new URL('../../spec/', import.meta.url)

/** Every rule id stated in spec/*.md. */
export const SPEC_IDS: ReadonlySet<string> = new Set(
  readdirSync(SPEC_DIR)
    .filter((f) => f.endsWith('.md'))
    .flatMap((f) => readFileSync(new URL(f, SPEC_DIR), 'utf8').split('\n'))
    .map((line) => /^- \*\*([A-Z]+[0-9]+(?:\.[0-9]+)?)\*\* /.exec(line)?.[1])
    .filter((id): id is string => id !== undefined)
)

/**
 * Table checks of one refusal table: each rule id is a spec id, and one sample of every tag gives
 * its tag, rule, data and a one-line message. `id` is the spec id the test titles start with.
 */
export const refusalTableTests = <Tag extends string>(
  id: string,
  rules: { readonly [T in Tag]: string },
  make: (tag: Tag, data: never) => AnyRefusal,
  samples: { readonly [T in Tag]: object }
): void => {
  it(`${id}: every tag names a rule stated in spec/`, () => {
    for (const rule of Object.values<string>(rules)) expect(SPEC_IDS.has(rule), rule).toBe(true)
  })

  it.each(Object.keys(samples) as Tag[])(`${id}: %s carries its tag, rule, data and a one-line message`, (tag) => {
    const v = make(tag, samples[tag] as never)
    expect(v._tag).toBe(tag)
    expect(v.rule).toBe(rules[tag])
    expect(v).toMatchObject(samples[tag])
    expect(v.message.length).toBeGreaterThan(10)
    expect(v.message).not.toMatch(/[\n\r]/)
    expect(v.message).not.toMatch(/undefined|NaN|\[object/)
  })
}
