import { describe, expect, it } from 'vitest'
import { mapEntries, mapKeys } from '../../src/internal/persistentMap.js'
import { checkU64, type CheckedU64 } from '../../src/internal/uint64.js'
import {
  activationEpochs,
  buildActivationIndex,
  emptyActivationIndex,
  firstActivation,
  reindexRuntime
} from '../../src/registry/activationIndex.js'
import type { ActivationIndex } from '../../src/registry/activationIndex.js'
import { rtN } from '../support/engineFixtures.js'
import { dep } from '../support/rulesFixtures.js'

const at = (n: number): CheckedU64 => checkU64(n)!

const flat = (index: ActivationIndex): Array<[string, string[]]> => mapEntries(index).map(([e, ids]) => [String(e), mapKeys(ids)])

describe('activationIndex', () => {
  it('E8: a runtime activates at each distinct valid_from after the epoch, ascending, in normal form', () => {
    const rt = rtN(1, [dep('1.2.0', 30), dep('1.0.0', 0), dep('1.1.0', 10n), dep('1.1.1', 10)])
    expect(activationEpochs(rt, at(5))).toEqual([10, 30])
    expect(activationEpochs(rt, at(30))).toEqual([])
    expect(activationEpochs(rtN(1, undefined), at(0))).toEqual([])
  })

  it('E8: the index maps each future start epoch to the runtimes starting then, and none is empty', () => {
    const a = rtN(1, [dep('1.0.0', 0), dep('1.1.0', 10), dep('1.2.0', 20)])
    const b = rtN(2, [dep('1.0.0', 10), dep('1.1.0', 15)])
    const index = buildActivationIndex(['bb', 'aa'], [b, a], at(5))
    expect(flat(index)).toEqual([
      ['10', ['aa', 'bb']],
      ['15', ['bb']],
      ['20', ['aa']]
    ])
    expect(firstActivation(index)).toBe(10)
    // Replacing b's schedule drops its old epochs (15 becomes empty and goes) and adds the new ones.
    const moved = reindexRuntime(index, 'bb', b, rtN(2, [dep('1.0.0', 10), dep('1.1.0', 25)]), at(5))
    expect(flat(moved)).toEqual([
      ['10', ['aa', 'bb']],
      ['20', ['aa']],
      ['25', ['bb']]
    ])
    expect(flat(index)).toEqual([
      ['10', ['aa', 'bb']],
      ['15', ['bb']],
      ['20', ['aa']]
    ])
    expect(firstActivation(emptyActivationIndex())).toBeUndefined()
    expect(flat(reindexRuntime(emptyActivationIndex(), 'cc', undefined, a, at(10)))).toEqual([['20', ['cc']]])
  })
})
