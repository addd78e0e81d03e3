import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseJson } from '../../src/cli/input.js'
import { jsonTextProblem } from '../../src/codec/jsonText.js'
import { left, right } from '../support/helpers.js'

describe('jsonText', () => {
  it.each([
    ['{"a": 1, "a": 2}', 'key "a" appears twice in the same object (at a)'],
    ['{"x": {"b": [1, {"c": 1, "c": 1}]}}', 'key "c" appears twice in the same object (at x.b[1].c)'],
    ['{"a\\u0062": 1, "ab": 2}', 'key "ab" appears twice in the same object (at ab)'],
    ['{"epoch": 9007199254740993}', 'epoch: 9007199254740993 is beyond 2^53 − 1 and would lose precision as a JSON number; write it as a decimal string'],
    ['{"e": [0, 1, -9007199254740993]}', 'e[2]: -9007199254740993 is beyond 2^53 − 1 and would lose precision as a JSON number; write it as a decimal string'],
    ['{"e": 1e300}', 'e: 1e300 is beyond 2^53 − 1 and would lose precision as a JSON number; write it as a decimal string'],
    ['18446744073709551615', 'the value: 18446744073709551615 is beyond 2^53 − 1 and would lose precision as a JSON number; write it as a decimal string']
  ])('CLI15: %s is refused: %s', (text, message) => {
    expect(jsonTextProblem(text)).toBe(message)
    expect(left(parseJson('f.json', text))).toBe(`f.json: ${message}`)
  })

  it.each([
    '{"a": {"a": {"a": 1}}, "b": [{"a": 1}, {"a": 2}]}',
    '{"a": "\\"a\\": 1, \\"a\\": 2", "n": 9007199254740991, "s": "9007199254740993"}',
    '[{"k": 1}, {"k": 1}]',
    '{"x": -0.5, "y": 1.5e3, "z": true, "w": null}'
  ])('CLI15: %s is accepted as JSON.parse reads it', (text) => {
    expect(jsonTextProblem(text)).toBeUndefined()
    expect(right(parseJson('f.json', text))).toEqual(JSON.parse(text))
  })

  it('CLI15: any JSON value without repeated keys or unsafe numbers passes, whatever its layout', () => {
    const safe = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value')),
        fc.dictionary(fc.string(), tie('value'))
      )
    })).value
    fc.assert(
      fc.property(safe, fc.integer({ min: 0, max: 4 }), (v, indent) => {
        expect(jsonTextProblem(JSON.stringify(v, null, indent))).toBeUndefined()
      })
    )
  })
})
