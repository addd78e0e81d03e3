/**
 * CT1: the tag-keeping reader for signed envelopes reads as the generic reader does, except that
 * tags are kept.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { CborTagged, readCbor, readCborTagged } from '../../src/index.js'
import { left, right } from '../support/helpers.js'

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'))

describe('readCborTagged (CT1)', () => {
  it('CT1: a tag is kept with its number and item, at any head size', () => {
    expect(right(readCborTagged(hex('d2 80')))).toEqual(new CborTagged(18, []))
    expect(right(readCborTagged(hex('c1 1a 6949b3ff')))).toEqual(new CborTagged(1, 1766437887))
    expect(right(readCborTagged(hex('d9 d9f7 01')))).toEqual(new CborTagged(55799, 1))
    expect(right(readCborTagged(hex('db 0000000100000000 00')))).toEqual(new CborTagged(2 ** 32, 0))
    expect(right(readCborTagged(hex('82 c1 00 a1 01 d2 40')))).toEqual([new CborTagged(1, 0), new Map([[1, new CborTagged(18, new Uint8Array(0))]])])
  })

  it('CT1: the generic reader still refuses tags (C4.4)', () => {
    expect(left(readCbor(hex('d2 80')))._tag).toBe('TagNotAllowed')
  })

  it('CT1: nothing else is relaxed: duplicate keys, indefinite lengths, floats, trailing bytes, tag keys', () => {
    expect(left(readCborTagged(hex('d2 a2 01 00 01 00')))._tag).toBe('DuplicateKey')
    expect(left(readCborTagged(hex('d2 9f ff')))._tag).toBe('IndefiniteLength')
    expect(left(readCborTagged(hex('c1 f9 3c00')))._tag).toBe('FloatNotAllowed')
    expect(left(readCborTagged(hex('d2 80 00')))._tag).toBe('TrailingBytes')
    expect(left(readCborTagged(hex('a1 c1 00 00')))._tag).toBe('UnsupportedKey')
    expect(left(readCborTagged(hex('d2')))._tag).toBe('Truncated')
    expect(left(readCborTagged(hex('dc 00')))._tag).toBe('MalformedItem')
  })

  it('CT1: a tag counts as a level of nesting (C4.6)', () => {
    const deep = new Uint8Array(40).fill(0xc1)
    expect(left(readCborTagged(Uint8Array.from([...deep, 0])))._tag).toBe('NestingTooDeep')
  })

  it('CT1: on input without tags it agrees with the generic reader', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const a = readCbor(bytes)
        const b = readCborTagged(bytes)
        if (E.isRight(a)) expect(b).toEqual(a)
        else if (a.left._tag !== 'TagNotAllowed') expect(E.isLeft(b)).toBe(true)
      }),
      { numRuns: 2000 }
    )
  })
})
