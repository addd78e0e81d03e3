/**
 * The CLI's JSON inputs as io-ts codecs: scenario files (CLI12), policy files and the one-line
 * reporter (CLI5). Each refusal is a table row with the exact line a user sees.
 */
import * as t from 'io-ts'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { policyFromJson } from '../../src/cli/input.js'
import { decodeJson, describeErrors, entries, keyed, strict, U64Json, withDefault } from '../../src/cli/jsonInputs.js'
import { DEMO_SCENARIO } from '../../src/cli/scenario/demoScenario.js'
import { parseScenario } from '../../src/cli/scenario/scenario.js'
import { left, right } from '../support/helpers.js'

const rt = JSON.parse(readFileSync(join(import.meta.dirname, '../support/fixtures/cli/current.json'), 'utf8')) as Record<string, unknown>
/** A valid scenario: one runtime `a`, one node `n`. */
const base = { epochs: 2, runtimes: { a: rt }, nodes: [{ name: 'n', runtimes: { a: ['1.0.0'] } }] }
const withEvent = (ev: unknown) => ({ ...base, events: [ev] })
const withNode = (node: unknown) => ({ ...base, nodes: [node] })

const SCENARIO_KEYS = 'params, epochs, warnEpochs, runtimes, nodes, events, name, policy, prune'
const POLICY_KEYS = 'minLeadEpochs, freezeEpochs, noPendingDowngrade, immutableScheduledIdentity, maxFutureDeployments, admittedCodeIdentities'
const EPOCH = 'must be a uint64 (a number up to 2^53 - 1, or a decimal string)'
const POLICY_U64 = 'must be a uint64 (a number up to 2^53 - 1, or a decimal string)'

describe('scenario codec', () => {
  const refusals: Array<[string, unknown, string]> = [
    // not an object
    ['not an object', [1], 'scenario: must be a JSON object, got an array'],
    ['null', null, 'scenario: must be a JSON object, got null'],
    // unknown keys, with every allowed key listed
    ['unknown top-level key', { ...base, extra: 1 }, `scenario.extra: unknown field "extra" (allowed: ${SCENARIO_KEYS})`],
    ['unknown node key', withNode({ name: 'm', x: 1 }), 'scenario.nodes[0].x: unknown node field "x" (allowed: name, runtimes, binary)'],
    [
      'unknown key in a node event',
      withEvent({ epoch: 1, node: 'n', lead: 3 }),
      'scenario.events[0].lead: unknown node event field "lead" (allowed: epoch, node, runtimes, binary, note)'
    ],
    [
      'unknown key in a schedule event',
      withEvent({ epoch: 1, runtime: 'a', schedule: '1.0.0', deployments: [] }),
      'scenario.events[0].deployments: unknown schedule event field "deployments" (allowed: epoch, runtime, schedule, lead, note)'
    ],
    [
      'unknown key in a deployments event',
      withEvent({ epoch: 1, runtime: 'a', deployments: [], lead: 4 }),
      'scenario.events[0].lead: unknown deployments event field "lead" (allowed: epoch, runtime, deployments, note)'
    ],
    ['unknown key in the policy', { ...base, policy: { lead: 4 } }, `scenario.policy.lead: unknown policy field "lead" (allowed: ${POLICY_KEYS})`],
    ['unknown key in the parameters (wire codec)', { ...base, params: { bogus: 1 } }, 'scenario.params.bogus: C4.5 unknown field "bogus" in ConsensusParameters'],
    // wrong types
    ['epochs a string', { ...base, epochs: '2' }, 'scenario.epochs: must be an integer from 0 to 100000, got "2"'],
    ['epochs out of range', { ...base, epochs: 100_001 }, 'scenario.epochs: must be an integer from 0 to 100000, got 100001'],
    ['warnEpochs negative', { ...base, warnEpochs: -1 }, 'scenario.warnEpochs: must be an integer from 0 to 100000, got -1'],
    ['name a number', { ...base, name: 5 }, 'scenario.name: must be a string, got 5'],
    ['prune a string', { ...base, prune: 'yes' }, 'scenario.prune: must be a boolean, got "yes"'],
    ['runtimes an array', { ...base, runtimes: [] }, 'scenario.runtimes: must be an object: name → descriptor, got an array'],
    ['nodes an object', { ...base, nodes: {} }, 'scenario.nodes: must be an array of nodes, got an object'],
    ['events a string', { ...base, events: 'none' }, 'scenario.events: must be an array of events, got "none"'],
    ['an event not an object', withEvent(3), 'scenario.events[0]: must be an event object, got 3'],
    ['a node not an object', withNode('n'), 'scenario.nodes[0]: must be a node object, got "n"'],
    ['node name empty', withNode({ name: '' }), 'scenario.nodes[0].name: must be a non-empty string, got ""'],
    ['node binary null', withNode({ name: 'm', binary: null }), 'scenario.nodes[0].binary: must be an array of version strings, got null'],
    ['advertised version a number', withNode({ name: 'm', runtimes: { a: [1] } }), 'scenario.nodes[0].runtimes.a[0]: must be a version string such as "1.2.0", got 1'],
    [
      'advertised version unparsable (T6)',
      withNode({ name: 'm', runtimes: { a: ['1.x'] } }),
      'scenario.nodes[0].runtimes.a[0]: invalid version string "1.x": the minor part "x" is not a decimal number'
    ],
    ['schedule a number', withEvent({ epoch: 1, runtime: 'a', schedule: 1 }), 'scenario.events[0].schedule: must be a version string such as "1.2.0", got 1'],
    ['runtime a number', withEvent({ epoch: 1, runtime: 1, deployments: [] }), 'scenario.events[0].runtime: must be a string, got 1'],
    ['note a number', withEvent({ epoch: 1, runtime: 'a', deployments: [], note: 5 }), 'scenario.events[0].note: must be a string, got 5'],
    ['deployments an object', withEvent({ epoch: 1, runtime: 'a', deployments: {} }), 'scenario.events[0].deployments: must be an array of deployments, got an object'],
    [
      'a deployment the wire codec refuses',
      withEvent({ epoch: 1, runtime: 'a', deployments: [{ version: {}, valid_from: -1 }] }),
      'scenario.events[0].deployments[0].valid_from: C4.8 -1 is outside the uint64 range [0, 18446744073709551615]'
    ],
    ['a descriptor the wire codec refuses', { epochs: 1, runtimes: { a: { ...rt, id: '00' } } }, 'scenario.runtimes.a.id: C4.9 expected 32 bytes, got 1'],
    ['policy not an object', { ...base, policy: [] }, 'scenario.policy: must be a JSON object (a policy), got an array'],
    // missing required fields
    ['epochs missing', { runtimes: {} }, 'scenario.epochs: missing (must be an integer from 0 to 100000)'],
    ['runtimes missing', { epochs: 1 }, 'scenario.runtimes: missing (must be an object: name → descriptor)'],
    ['node name missing', withNode({ runtimes: {} }), 'scenario.nodes[0].name: missing (must be a non-empty string)'],
    ['event epoch missing', withEvent({ runtime: 'a', deployments: [] }), `scenario.events[0].epoch: missing (${EPOCH})`],
    ['event runtime missing', withEvent({ epoch: 1, schedule: '1.0.0' }), 'scenario.events[0].runtime: missing (must be a string)'],
    [
      'event kind missing',
      withEvent({ epoch: 1, runtime: 'a' }),
      'scenario.events[0]: needs "schedule" (a version), "deployments" (an array) or "node" (a node name): a schedule event takes epoch, runtime, schedule, lead, note; a deployments event epoch, runtime, deployments, note; a node event epoch, node, runtimes, binary, note'
    ],
    [
      'event kind misspelt',
      withEvent({ epoch: 1, runtime: 'a', shedule: '1.0.0' }),
      'scenario.events[0]: unknown field "shedule" (allowed: epoch, runtime, schedule, lead, deployments, node, runtimes, binary, note); needs "schedule" (a version), "deployments" (an array) or "node" (a node name): a schedule event takes epoch, runtime, schedule, lead, note; a deployments event epoch, runtime, deployments, note; a node event epoch, node, runtimes, binary, note'
    ],
    // bad epochs
    ['epoch negative', withEvent({ epoch: -1, runtime: 'a', deployments: [] }), `scenario.events[0].epoch: ${EPOCH}, got -1`],
    ['epoch fractional', withEvent({ epoch: 1.5, runtime: 'a', deployments: [] }), `scenario.events[0].epoch: ${EPOCH}, got 1.5`],
    ['epoch with a leading zero', withEvent({ epoch: '01', runtime: 'a', deployments: [] }), `scenario.events[0].epoch: ${EPOCH}, got "01"`],
    ['epoch beyond 2^64 - 1', withEvent({ epoch: '18446744073709551616', runtime: 'a', deployments: [] }), `scenario.events[0].epoch: ${EPOCH}, got "18446744073709551616"`],
    ['epoch in exponent form', withEvent({ epoch: 1e21, runtime: 'a', deployments: [] }), `scenario.events[0].epoch: ${EPOCH}, got 1e+21`],
    ['lead not a number', withEvent({ epoch: 1, runtime: 'a', schedule: '1.0.0', lead: 'x' }), `scenario.events[0].lead: ${EPOCH}, got "x"`],
    ['policy epoch negative', { ...base, policy: { minLeadEpochs: -1 } }, `scenario.policy.minLeadEpochs: ${POLICY_U64}, got -1`],
    // names that refer to nothing
    ['an event for an unknown runtime', withEvent({ epoch: 1, runtime: 'b', schedule: '1.0.0' }), 'scenario.events[0].runtime: must name a runtime of the scenario'],
    ['an event for an unknown node', withEvent({ epoch: 1, node: 'm' }), 'scenario.events[0].node: names no node of the scenario'],
    ['a node event advertising an unknown runtime', withEvent({ epoch: 1, node: 'n', runtimes: { b: [] } }), 'scenario.events[0].runtimes.b: names no runtime of the scenario'],
    ['a node advertising an unknown runtime', withNode({ name: 'm', runtimes: { b: [] } }), 'scenario.nodes[0].runtimes.b: names no runtime of the scenario'],
    ['two nodes of one name', { ...base, nodes: [{ name: 'n' }, { name: 'n' }] }, 'scenario.nodes[1].name: duplicate node name "n"']
  ]

  it.each(refusals)('CLI12: a scenario with %s is refused naming the field', (_name, input, message) => {
    expect(left(parseScenario(input))).toBe(message)
  })

  it('CLI12: the demo scenario reads as before: runtimes in order, events sorted stably by epoch', () => {
    const s = right(parseScenario(DEMO_SCENARIO))
    expect(s).toMatchObject({ name: DEMO_SCENARIO.name, params: { max_runtime_deployments: 4 }, policy: undefined, prune: true, epochs: 20, warnEpochs: 3 })
    expect(s.runtimes.map(([n]) => n)).toEqual(['oracle', 'ledger', 'relay'])
    expect(s.nodes).toHaveLength(12)
    expect(s.nodes[0]).toEqual({ name: 'n01', runtimes: new Map([['oracle', [{ major: 1 }]]]), binary: [{ major: 1 }, { major: 1, minor: 1 }, { major: 1, minor: 2 }] })
    expect(s.nodes[8]).toEqual({ name: 'n09', runtimes: new Map([['relay', [{ minor: 9 }]]]), binary: undefined })
    expect(s.events.map((e) => e.epoch)).toEqual(DEMO_SCENARIO.events.map((e) => e.epoch))
    expect(s.events[0]).toEqual({ _tag: 'Schedule', epoch: 2, runtime: 'oracle', version: { major: 1, minor: 1 }, lead: 4, note: 'operator schedules 1.1.0 four epochs ahead' })
    expect(s.events[2]).toEqual({ _tag: 'Schedule', epoch: 3, runtime: 'ledger', version: { major: 2, minor: 4 }, lead: 5, note: undefined })
  })

  it('CLI12: defaults (also for null), uint64 epochs as numbers or decimal strings, stable order within an epoch', () => {
    const s = right(
      parseScenario({
        ...base,
        epochs: 5,
        params: null,
        warnEpochs: null,
        policy: { minLeadEpochs: '4', maxFutureDeployments: 2 },
        events: [
          { epoch: '4', runtime: 'a', schedule: '1.1.0', lead: null },
          { epoch: 3, node: 'n', runtimes: null, binary: ['1.0.0'], note: 'first at 3' },
          { epoch: '3', runtime: 'a', deployments: [], note: 'second at 3' }
        ]
      })
    )
    expect(s).toMatchObject({ name: 'scenario', params: {}, policy: { minLeadEpochs: 4, maxFutureDeployments: 2 }, prune: false, warnEpochs: 3 })
    expect(s.events).toEqual([
      { _tag: 'Node', epoch: 3, node: { name: 'n', runtimes: new Map(), binary: [{ major: 1 }] }, note: 'first at 3' },
      { _tag: 'Deployments', epoch: 3, runtime: 'a', deployments: [], note: 'second at 3' },
      { _tag: 'Schedule', epoch: 4, runtime: 'a', version: { major: 1, minor: 1 }, lead: 4, note: undefined }
    ])
  })

  it('CLI12: an event epoch is read exactly over the whole uint64 range, and one after the last simulated epoch is refused', () => {
    const late = left(parseScenario(withEvent({ epoch: '18446744073709551615', runtime: 'a', deployments: [] })))
    expect(late).toBe('scenario.events[0].epoch: must be within the simulated epochs 1…2 (epoch 0 is genesis), got 18446744073709551615')
  })

  it('CLI15: an event epoch that is a number beyond 2^53 - 1 (already rounded by JSON.parse) is refused', () => {
    const e = left(parseScenario(JSON.parse(JSON.stringify(withEvent({ epoch: 1, runtime: 'a', deployments: [] })).replace('"epoch":1', '"epoch":9007199254740993'))))
    expect(e).toMatch(/^scenario\.events\[0\]\.epoch: must be a uint64/)
  })

  it('CLI12: the scenario codec reads the policy', () => {
    expect(right(parseScenario({ ...base, policy: { freezeEpochs: 2 } })).policy).toEqual({ freezeEpochs: 2 })
  })
})

describe('policy codec', () => {
  const refusals: Array<[string, unknown, string]> = [
    ['not an object', [1], 'policy.json: must be a JSON object (a policy), got an array'],
    ['null', null, 'policy.json: must be a JSON object (a policy), got null'],
    ['an unknown key', { max_runtime_deployments: 4 }, `policy.json: max_runtime_deployments: unknown policy field "max_runtime_deployments" (allowed: ${POLICY_KEYS})`],
    ['a boolean as a string', { noPendingDowngrade: 'true' }, 'policy.json: noPendingDowngrade: must be a boolean, got "true"'],
    ['a boolean as a number', { immutableScheduledIdentity: 1 }, 'policy.json: immutableScheduledIdentity: must be a boolean, got 1'],
    ['an epoch null', { freezeEpochs: null }, `policy.json: freezeEpochs: ${POLICY_U64}, got null`],
    ['an epoch negative', { minLeadEpochs: -1 }, `policy.json: minLeadEpochs: ${POLICY_U64}, got -1`],
    ['an epoch fractional', { minLeadEpochs: 1.5 }, `policy.json: minLeadEpochs: ${POLICY_U64}, got 1.5`],
    ['an epoch number beyond 2^53 - 1', { minLeadEpochs: 2 ** 53 }, `policy.json: minLeadEpochs: ${POLICY_U64}, got 9007199254740992`],
    ['an epoch string beyond 2^64 - 1', { freezeEpochs: '18446744073709551616' }, `policy.json: freezeEpochs: ${POLICY_U64}, got "18446744073709551616"`],
    ['an epoch string with a sign', { freezeEpochs: '+4' }, `policy.json: freezeEpochs: ${POLICY_U64}, got "+4"`],
    ['a count fractional', { maxFutureDeployments: 2.5 }, 'policy.json: maxFutureDeployments: must be a non-negative integer (number or decimal string), got 2.5'],
    [
      'a count beyond 2^53 - 1',
      { maxFutureDeployments: '9007199254740993' },
      'policy.json: maxFutureDeployments: must be a non-negative integer (number or decimal string), got "9007199254740993"'
    ]
  ]

  it.each(refusals)('CLI5: a policy with %s is bad input naming the field', (_name, input, message) => {
    expect(left(policyFromJson(input, 'policy.json'))).toBe(message)
  })

  it('CLI5: a valid policy reads as before: epochs as numbers or decimal strings, only the keys given', () => {
    expect(right(policyFromJson(undefined, 'p'))).toBeUndefined()
    expect(right(policyFromJson({}, 'p'))).toEqual({})
    expect(right(policyFromJson({ minLeadEpochs: '4', freezeEpochs: 2, maxFutureDeployments: '3' }, 'p'))).toEqual({ minLeadEpochs: 4, freezeEpochs: 2, maxFutureDeployments: 3 })
    expect(right(policyFromJson({ minLeadEpochs: '18446744073709551615' }, 'p'))).toEqual({ minLeadEpochs: 18446744073709551615n })
    expect(right(policyFromJson({ noPendingDowngrade: true, immutableScheduledIdentity: false }, 'p'))).toEqual({ noPendingDowngrade: true, immutableScheduledIdentity: false })
  })
})

describe('reporter', () => {
  it('CLI5: the first error in one line, with its path through objects, arrays, entries, unions and intersections', () => {
    const Item = strict('an item', 'item', { id: t.number }, { tag: withDefault(t.union([t.literal('a'), t.literal('b')]), 'a') })
    const Doc = strict('a document', '', { items: t.array(Item, 'an array of items'), byName: entries(t.intersection([t.type({ x: t.string }), t.partial({ y: t.number })]), 'a map') }, {})
    const line = (u: unknown) => left(decodeJson(Doc, 'doc')(u))
    expect(line({ items: [{ id: 1 }, { id: 'x' }], byName: {} })).toBe('doc.items[1].id: must be number, got "x"')
    expect(line({ items: [{ id: 1, tag: 'c' }], byName: {} })).toBe('doc.items[0].tag: must be "a", got "c"')
    expect(line({ items: [], byName: { k: { x: 1 } } })).toBe('doc.byName.k.x: must be string, got 1')
    expect(line({ items: [], byName: { k: { x: 1 } }, more: true })).toBe('doc.more: unknown field "more" (allowed: items, byName)')
    expect(line({ items: [] })).toBe('doc.byName: missing (must be a map)')
    expect(right(decodeJson(Doc)({ items: [{ id: 1 }], byName: { k: { x: 'y' } } }))).toEqual({ items: [{ id: 1, tag: 'a' }], byName: [['k', { x: 'y' }]] })
    expect(describeErrors([])).toBe('invalid')
  })

  it('CLI5: a keyed union reports the case its key selects, not every member', () => {
    const A = strict('an a', 'a', { a: t.number }, {})
    const B = strict('a b', 'b', { b: t.string }, {})
    const AB = keyed('an a or b', [['a', A], ['b', B]], 'needs "a" or "b"')
    expect(left(decodeJson(AB, 'v')({ b: 1 }))).toBe('v.b: must be string, got 1')
    expect(left(decodeJson(AB, 'v')({}))).toBe('v: needs "a" or "b"')
    expect(right(decodeJson(AB)({ a: 1 }))).toEqual({ a: 1 })
  })

  it('CLI5: uint64 leaves encode back to their JSON form', () => {
    expect(U64Json.encode(18446744073709551615n)).toBe('18446744073709551615')
    expect(U64Json.encode(4)).toBe(4)
  })
})
