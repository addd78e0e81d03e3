/**
 * End-to-end tests of `rtdeploy` as a user runs it: the CLI is compiled, then run as a child
 * process on fixture files; exit codes, text and `--json` output are checked.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const fx = (name: string): string => join(root, 'test/support/fixtures/cli', name)
// Made in beforeAll (not at import: `vitest list` imports test files without running hooks),
// inside the project so that the compiled CLI resolves node_modules as an installed package does.
let out = ''
let tmp = ''

beforeAll(() => {
  out = mkdtempSync(join(root, '.build-test-'))
  tmp = mkdtempSync(join(out, 'files-'))
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', out], {
    cwd: root,
    stdio: 'pipe'
  })
}, 120_000)
afterAll(() => rmSync(out, { recursive: true, force: true }))

interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

const rtdeploy = (...args: string[]): Run => {
  const r = spawnSync(process.execPath, [join(out, 'cli/main.js'), ...args], { cwd: root, encoding: 'utf8' })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

const json = (r: Run): Record<string, unknown> => JSON.parse(r.stdout) as Record<string, unknown>

/** A file in the test's temporary folder holding `value` as JSON; its path. */
const jsonFile = (name: string, value: unknown): string => textFile(name, JSON.stringify(value))

/** A file in the test's temporary folder holding `text`; its path. */
const textFile = (name: string, text: string): string => {
  const path = join(tmp, name)
  writeFileSync(path, text)
  return path
}

// CLI18: what every rule-checking command adds when no parameters were given.
const ASSUMED_NOTE = [
  "note: no --params or --network given, so an oasis-core local network's parameters were assumed:",
  '      at most 2 deployments = max(2, max_runtime_deployments = 0), entity and runtime',
  '      governance, no TEE features; Oasis Mainnet and Testnet allow 5 (--network mainnet)'
].join('\n')

const noStackTrace = (r: Run): void => {
  expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/)
}

describe('rtdeploy', () => {
  it('CLI1: validate accepts a valid descriptor (exit 0) at an epoch', () => {
    const r = rtdeploy('validate', fx('current.json'), '--epoch', '1250')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`valid at epoch 1250: active 1.4.0 from epoch 1200; next none\n${ASSUMED_NOTE}\n`)
  })

  it('CLI4: check-update refuses with the rule id, tag and message (exit 1)', () => {
    const r = rtdeploy('check-update', fx('current.json'), fx('proposed.cbor'), '--epoch', '1250')
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^refused: D2 TooManyDeployments: too many deployments: 3 given, at most 2 allowed/)
    const j = json(rtdeploy('check-update', fx('current.json'), fx('proposed.cbor'), '--epoch', '1250', '--json'))
    expect(j).toMatchObject({ ok: false, epoch: 1250, violation: { _tag: 'TooManyDeployments', rule: 'D2', count: 3, limit: 2 } })
    // The error an oasis-core node reports for the same transaction (spec/rules.md error table).
    expect(j).toMatchObject({ oasis: { module: 'registry', code: 1 } })
  })

  it('CLI1: check-update accepts the schedule with parameters that allow it (exit 0)', () => {
    const r = rtdeploy('check-update', fx('current.json'), fx('proposed.cbor'), '--epoch', '1250', '--params', fx('params.json'))
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('accepted at epoch 1250: active 1.4.0 from epoch 1200; next 1.5.0 from epoch 1300\nchanges: + 1.5.0 from epoch 1300\n')
  })

  it('CLI4: check-update with --policy applies the stricter rules (PX1 lead time)', () => {
    const r = rtdeploy('check-update', fx('current.json'), fx('proposed.cbor'), '--epoch', '1250', '--params', fx('params.json'), '--policy', fx('strict-policy.json'), '--json')
    expect(r.code).toBe(1)
    expect(json(r)).toMatchObject({ ok: false, violation: { rule: 'PX1', _tag: 'LeadTimeTooShort' } })
  })

  it('CLI4: check-update with a policy of admitted code identities applies PX6, identities as hex', () => {
    const args = ['check-update', fx('current.json'), fx('proposed.cbor'), '--epoch', '1250', '--params', fx('params.json'), '--json'] as const
    const none = rtdeploy(...args, '--policy', jsonFile('admitted-none.json', { admittedCodeIdentities: ['ab'.repeat(32)] }))
    expect(none.code).toBe(1)
    expect(json(none)).toMatchObject({ ok: false, violation: { rule: 'PX6', _tag: 'CodeIdentityNotAdmitted' }, oasis: null })
    expect(rtdeploy(...args, '--policy', jsonFile('admitted-bad.json', { admittedCodeIdentities: ['xyz'] })).code).toBe(2)
  })

  it('CLI3: the same descriptor reads alike from CBOR, hex and JSON, detected or forced', () => {
    const fromCbor = rtdeploy('hash', fx('proposed.cbor')).stdout
    expect(fromCbor).toMatch(/^[0-9a-f]{64}\n$/)
    expect(rtdeploy('hash', fx('proposed.hex')).stdout).toBe(fromCbor)
    expect(rtdeploy('hash', fx('proposed.hex'), '--format', 'hex').stdout).toBe(fromCbor)
    const asJson = join(tmp, 'proposed.json')
    expect(rtdeploy('decode', fx('proposed.cbor'), '-o', asJson).code).toBe(0)
    expect(rtdeploy('hash', asJson).stdout).toBe(fromCbor)
  })

  it('CLI5: a wrong --format is bad input that says where decoding failed', () => {
    const r = rtdeploy('hash', fx('current.json'), '--format', 'cbor')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/current\.json: C4\.\d+ \w+ .*\(byte \d+\)|current\.json: C4\.\d+ \w+/)
    noStackTrace(r)
  })

  it('CLI6: decode prints the JSON form (hex bytes) and encode turns it back into identical CBOR', () => {
    const d = rtdeploy('decode', fx('proposed.cbor'), '--json')
    expect(d.code).toBe(0)
    const rt = json(d)['runtime'] as Record<string, unknown>
    expect(rt['id']).toBe('0000000000000000070707070707070707070707070707070707070707070707')
    const e = rtdeploy('encode', fx('current.json'))
    expect(e.code).toBe(0)
    const cbor = join(tmp, 'current.cbor')
    expect(rtdeploy('encode', fx('current.json'), '-o', cbor).code).toBe(0)
    expect(readFileSync(cbor).toString('hex')).toBe(e.stdout.trim())
  })

  it('CLI7: prune drops what is superseded and the result passes check-update against the input', () => {
    const pruned = join(tmp, 'pruned.cbor')
    const r = rtdeploy('prune', fx('proposed.cbor'), '--epoch', '1300', '-o', pruned)
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`removed at epoch 1300: 1.3.0 from epoch 1000, 1.4.0 from epoch 1200\nwrote ${pruned}\n`)
    const check = rtdeploy('check-update', fx('proposed.cbor'), pruned, '--epoch', '1300', '--params', fx('params.json'))
    expect(check.code).toBe(0)
    expect(json(rtdeploy('prune', fx('proposed.cbor'), '--epoch', '1250', '--json'))).toMatchObject({ ok: true, removed: [{ valid_from: 1000 }] })
  })

  it('CLI8: timeline draws each deployment\'s active epochs, and writes an SVG chart', () => {
    const svg = join(tmp, 'timeline.svg')
    const r = rtdeploy('timeline', fx('proposed.cbor'), '--from', '1000', '--to', '1400', '--svg', svg)
    expect(r.code).toBe(0)
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'epochs 1000–1400',
      expect.stringMatching(/^1\.3\.0 +│█+ +│ 1000–1199$/),
      expect.stringMatching(/^1\.4\.0 +│ +█+ +│ 1200–1299$/),
      expect.stringMatching(/^1\.5\.0 +│ +█+ *│ 1300 →$/)
    ])
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`wrote ${svg} (SVG chart, 1200 px wide)`)
    expect(existsSync(svg)).toBe(true)
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[\s\S]*1\.5\.0[\s\S]*<\/svg>\n$/)
    const marked = json(rtdeploy('timeline', fx('proposed.cbor'), '--epoch', '1250', '--svg', svg, '--json'))
    expect(marked).toMatchObject({ ok: true, epoch: 1250, svg })
    expect(readFileSync(svg, 'utf8')).toContain('>epoch 1250</text>')
    expect(readFileSync(svg, 'utf8')).toContain('>runtime 0000000000000000070707070707070707070707070707070707070707070707</text>')
  })

  it('CLI1: active and next report the deployment at an epoch, or none', () => {
    expect(rtdeploy('active', fx('proposed.cbor'), '--epoch', '1250').stdout).toBe('1.4.0 from epoch 1200\n')
    expect(rtdeploy('next', fx('proposed.cbor'), '--epoch', '1250').stdout).toBe('1.5.0 from epoch 1300\n')
    expect(rtdeploy('active', fx('proposed.cbor'), '--epoch', '999').stdout).toBe('none\n')
    expect(json(rtdeploy('next', fx('proposed.cbor'), '--epoch', '18446744073709551615', '--json'))).toEqual({
      ok: true,
      epoch: '18446744073709551615',
      deployment: null
    })
  })

  it('CLI9: plan writes an update that check-update accepts; planning it again is no change; a downgrade is refused', () => {
    const next = join(tmp, 'next.cbor')
    const r = rtdeploy('plan', fx('current.json'), '--version', '1.5.0', '--epoch', '1250', '--lead', '50', '--prune', '-o', next)
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(`planned: schedule 1.5.0@1300, pruning 1.3.0@1000\nwrote ${next}\n${ASSUMED_NOTE}\n`)
    expect(rtdeploy('check-update', fx('current.json'), next, '--epoch', '1250').code).toBe(0)
    const again = rtdeploy('plan', next, '--version', '1.5.0', '--epoch', '1250', '--lead', '50')
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/^no change: 1\.5\.0 is already scheduled at epoch 1300/)
    const down = rtdeploy('plan', fx('current.json'), '--version', '1.2.0', '--epoch', '1250', '--lead', '50', '--json')
    expect(down.code).toBe(1)
    expect(json(down)).toMatchObject({ ok: false, violation: { rule: 'PL2', _tag: 'PlanDowngrade' } })
    expect(rtdeploy('plan', fx('current.json'), '--version', 'x.y', '--epoch', '1250', '--lead', '5').code).toBe(2)
  })

  it('CLI10: fingerprint changes when an activation passes and names the next one', () => {
    expect(rtdeploy('fingerprint', fx('proposed.cbor'), '--epoch', '1250').stdout).toBe('hash cb1e5394, next 1300\n')
    expect(rtdeploy('fingerprint', fx('proposed.cbor'), '--epoch', '1299').stdout).toBe('hash cb1e5394, next 1300\n')
    expect(json(rtdeploy('fingerprint', fx('proposed.cbor'), '--epoch', '1300', '--json'))).toEqual({ ok: true, epoch: 1300, hash: '1c610c51', next: 0 })
  })

  it('CLI11: demo tells the story epoch by epoch and ends with the registry digest', () => {
    const r = rtdeploy('demo')
    expect(r.code).toBe(0)
    const lines = r.stdout.split('\n')
    expect(lines[0]).toBe('rtdeploy demo: three runtimes, twelve nodes, 20 epochs')
    for (const expected of [
      /^ {2}✓ oracle: update accepted: \+1\.1\.0@6; active at 2: 1\.0\.0/,
      /^ {2}✗ ledger: update refused: U8 RetroactiveDeployment: /,
      /^ {2}✗ relay: update refused: D9 MoreThanOneFutureDeployment: /,
      /^ {2}✗ oracle: cannot schedule 1\.0\.5: PL2 PlanDowngrade: /,
      /^ {2}✗ oracle: update refused: D8 InvalidBundleChecksum: /,
      /^ {2}✓ relay: update accepted: -1\.0\.0@9; /,
      /^ {2}▲ oracle: 1\.0\.0 → 1\.1\.0 active from epoch 6$/,
      /^ {2}✂ oracle: pruned 1\.0\.0@0$/,
      /^ {2}⚠ ledger: no committee at epoch 8: S4 InsufficientNodes: /,
      /^ {2}✓ ledger: committee feasible again: 2 eligible nodes, 2 needed$/,
      /^ {2}⚑ node n05 \(oracle\): W2 UpgradeSoon: /,
      /^ {2}⚑ node n05 \(oracle\): W3 Unsupported: /
    ]) {
      expect(lines.some((l) => expected.test(l)), String(expected)).toBe(true)
    }
    expect(lines.at(-2)).toMatch(/^ {2}registry digest: [0-9a-f]{64}$/)
    const j = json(rtdeploy('demo', '--json'))
    expect(j).toMatchObject({ ok: true, report: { digest: lines.at(-2)!.trim().slice('registry digest: '.length) } })
  })

  it('CLI11: demo explains its symbols once, and no line is 100 columns or wider', () => {
    const lines = rtdeploy('demo').stdout.trimEnd().split('\n')
    expect(lines.slice(1, 3)).toEqual([
      'legend: ▲ version activated  ✂ superseded deployment pruned  ✓ accepted  ✗ refused',
      '        = nothing to schedule  • node changed  ⚠ runtime lacks nodes (S4)  ⚑ node verdict (W1–W4)'
    ])
    for (const l of lines) expect([...l].length, l).toBeLessThan(100)
    // A long line continues on the next, indented under its first word.
    const at = lines.findIndex((l) => l.startsWith('  ✗ ledger: update refused: U8 RetroactiveDeployment: '))
    expect(lines[at + 1]).toMatch(/^ {4}\S/)
    for (const symbol of ['▲', '✂', '✓', '✗', '⚠', '⚑', '•']) expect(lines.filter((l) => l.startsWith('legend') || l.startsWith('     ')).join(' ')).toContain(symbol)
  })

  it('CLI20: simulate --json carries every event in full, as the text tells it', () => {
    const report = json(rtdeploy('demo', '--json'))['report'] as { genesisEvents: unknown[]; epochs: Array<{ epoch: number; lines: string[]; events: Array<Record<string, unknown>> }> }
    expect(report.genesisEvents).toContainEqual({ kind: 'genesis', runtime: 'oracle', active: { version: { major: 1 }, valid_from: 0 }, deployments: [{ version: { major: 1 }, valid_from: 0 }] })
    for (const e of report.epochs) expect(e.events.length, `epoch ${e.epoch}`).toBe(e.lines.length)
    const events = report.epochs.flatMap((e) => e.events)
    expect(events).toContainEqual({ kind: 'activation', runtime: 'oracle', epoch: 6, from: { version: { major: 1 }, valid_from: 0 }, to: { version: { major: 1, minor: 1 }, valid_from: 6 } })
    expect(events).toContainEqual({ kind: 'pruned', runtime: 'oracle', removed: [{ version: { major: 1 }, valid_from: 0 }] })
    expect(events).toContainEqual(expect.objectContaining({ kind: 'update-refused', runtime: 'ledger', violation: expect.objectContaining({ rule: 'U8', _tag: 'RetroactiveDeployment' }), note: 'a deployment dated in the past' }))
    expect(events).toContainEqual(expect.objectContaining({ kind: 'update-accepted', runtime: 'oracle', added: [{ version: { major: 1, minor: 1 }, valid_from: 6 }], removed: [] }))
    expect(events).toContainEqual(expect.objectContaining({ kind: 'no-committee', runtime: 'ledger', violation: expect.objectContaining({ rule: 'S4' }) }))
    expect(events).toContainEqual(expect.objectContaining({ kind: 'verdict', node: 'n05', runtime: 'oracle', verdict: expect.objectContaining({ _tag: 'UpgradeSoon' }) }))
    expect(events).toContainEqual(expect.objectContaining({ kind: 'node', node: 'n01', advertises: { oracle: ['1.0.0', '1.1.0'] } }))
  })

  it('CLI12: simulate runs a scenario file: the demo scenario written out gives the same report', () => {
    const file = join(tmp, 'demo-scenario.json')
    expect(rtdeploy('demo', '--scenario', file).code).toBe(0)
    const sim = rtdeploy('simulate', file)
    expect(sim.code).toBe(0)
    expect(sim.stdout).toBe(rtdeploy('demo').stdout)
  })

  it('CLI12: a malformed scenario is bad input naming the field', () => {
    const rt = JSON.parse(readFileSync(fx('current.json'), 'utf8')) as Record<string, unknown>
    const cases: Array<[string, RegExp]> = [
      [jsonFile('not-object.json', [1]), /scenario: must be a JSON object/],
      [jsonFile('unknown.json', { epochs: 1, runtimes: {}, extra: 1 }), /scenario\.extra: unknown field/],
      [jsonFile('epochs.json', { epochs: -1, runtimes: {} }), /epochs: must be an integer/],
      [jsonFile('runtime.json', { epochs: 1, runtimes: { a: { ...rt, id: '00' } } }), /runtimes\.a\.id: C4\.9 expected 32 bytes/],
      [jsonFile('event.json', { epochs: 1, runtimes: { a: rt }, events: [{ epoch: 1, runtime: 'b', schedule: '1.0.0' }] }), /events\[0\]\.runtime: must name a runtime/],
      // An event after the last simulated epoch, or at genesis, would never happen.
      [jsonFile('late.json', { epochs: 3, runtimes: { a: rt }, events: [{ epoch: 4, runtime: 'a', schedule: '1.5.0' }] }), /events\[0\]\.epoch: must be within the simulated epochs 1…3 \(epoch 0 is genesis\), got 4/],
      [jsonFile('at-genesis.json', { epochs: 3, runtimes: { a: rt }, events: [{ epoch: 0, runtime: 'a', schedule: '1.5.0' }] }), /events\[0\]\.epoch: must be within the simulated epochs 1…3/],
      [jsonFile('genesis.json', { epochs: 1, runtimes: { a: { ...rt, deployments: [] } } }), /runtimes\.a: refused at genesis: D0|runtimes\.a: refused at genesis: D1/],
      [join(tmp, 'absent.json'), /absent\.json: cannot read \(ENOENT\)/],
      [fx('garbage.txt'), /garbage\.txt: not valid JSON/]
    ]
    for (const [file, message] of cases) {
      const r = rtdeploy('simulate', file)
      expect(r.code, file).toBe(2)
      expect(r.stderr, file).toMatch(message)
      noStackTrace(r)
    }
  })

  it('CLI5: a malformed policy file or scenario field is bad input naming the field, what it must be and what it is', () => {
    const rt = JSON.parse(readFileSync(fx('current.json'), 'utf8')) as Record<string, unknown>
    const cases: Array<[string[], RegExp]> = [
      [
        ['check-update', fx('current.json'), fx('proposed.cbor'), '--epoch', '1250', '--policy', jsonFile('bad-policy.json', { minLeadEpochs: -1 })],
        /bad-policy\.json: minLeadEpochs: must be a uint64 \(a number up to 2\^53 - 1, or a decimal string\), got -1/
      ],
      [['simulate', jsonFile('prune.json', { epochs: 1, runtimes: {}, prune: 'yes' })], /prune\.json: scenario\.prune: must be a boolean, got "yes"/],
      [
        ['simulate', jsonFile('policy-key.json', { epochs: 1, runtimes: { a: rt }, policy: { lead: 4 } })],
        /policy-key\.json: scenario\.policy\.lead: unknown policy field "lead" \(allowed: minLeadEpochs, freezeEpochs, noPendingDowngrade, immutableScheduledIdentity, maxFutureDeployments, admittedCodeIdentities\)/
      ],
      [
        ['simulate', jsonFile('epoch.json', { epochs: 1, runtimes: { a: rt }, events: [{ epoch: '1.5', runtime: 'a', deployments: [] }] })],
        /epoch\.json: scenario\.events\[0\]\.epoch: must be a uint64 \(a number up to 2\^53 - 1, or a decimal string\), got "1\.5"/
      ]
    ]
    for (const [args, message] of cases) {
      const r = rtdeploy(...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr, args.join(' ')).toMatch(message)
      noStackTrace(r)
    }
  })

  it('CLI2: every command has --help, and --json prints one JSON document whatever the outcome', () => {
    for (const c of ['demo', 'simulate', 'validate', 'check-update', 'active', 'next', 'timeline', 'prune', 'plan', 'genesis', 'reconcile', 'era', 'fingerprint', 'hash', 'encode', 'decode']) {
      const h = rtdeploy(c, '--help')
      expect(h.code, c).toBe(0)
      expect(h.stdout, c).toMatch(new RegExp(`^rtdeploy ${c} `))
    }
    const top = rtdeploy('--help')
    expect(top.code).toBe(0)
    expect(top.stdout).toMatch(/commands:/)
    const bad = rtdeploy('validate', fx('missing.json'), '--epoch', '1', '--json')
    expect(bad.code).toBe(2)
    expect(json(bad)).toMatchObject({ ok: false, error: expect.stringMatching(/missing\.json: cannot read \(ENOENT\)/) })
  })

  it('CLI5: bad files, wrong formats and missing arguments exit 2 with a message and no stack trace', () => {
    const cases: Array<[string[], RegExp]> = [
      [['validate', fx('missing.json'), '--epoch', '1'], /missing\.json: cannot read \(ENOENT\)/],
      [['validate', fx('garbage.txt'), '--epoch', '1'], /garbage\.txt: C4\.\d+ \w+/],
      [['validate', fx('current.json')], /--epoch is required/],
      [['validate', fx('current.json'), '--epoch=-3'], /--epoch must be a decimal uint64/],
      [['validate', fx('current.json'), '--epoch', '-3'], /Option '--epoch' argument is ambiguous/],
      [['validate', fx('current.json'), '--epoch', '18446744073709551616'], /exceeds 2\^64 - 1/],
      [['validate', '--epoch', '1'], /validate takes 1 argument, got 0/],
      [['validate', fx('current.json'), '--epoch', '1', '--bogus'], /Unknown option '--bogus'/],
      [['hash', fx('current.json'), '--format', 'yaml'], /--format must be one of cbor, hex, json/],
      [['check-update', fx('current.json'), fx('proposed.cbor'), '--epoch', '1', '--policy', fx('params.json')], /unknown policy field "max_runtime_deployments"/],
      [['check-update', fx('current.json'), fx('proposed.cbor'), '--epoch', '1', '--params', fx('strict-policy.json')], /C4\.5 UnknownField at minLeadEpochs/],
      [['timeline', fx('current.json'), '--from', '10', '--to', '5'], /--to 5 is before --from 10/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [[], /usage: rtdeploy <command>/]
    ]
    for (const [args, message] of cases) {
      const r = rtdeploy(...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr + r.stdout, args.join(' ')).toMatch(message)
      noStackTrace(r)
    }
  })

  it('CLI13: an endless input (/dev/zero, as a file, as --tee, or on standard input) is refused at 16 MiB, exit 2', () => {
    const started = Date.now()
    for (const args of [
      ['validate', '/dev/zero', '--epoch', '1'],
      ['plan', fx('current.json'), '--version', '1.5.0', '--epoch', '1250', '--lead', '5', '--tee', '/dev/zero']
    ]) {
      const r = rtdeploy(...args)
      expect(r.code, args.join(' ')).toBe(2)
      expect(r.stderr).toMatch(/\/dev\/zero: larger than 16 MiB \(16777216 bytes\); not read/)
      noStackTrace(r)
    }
    const stdin = spawnSync('bash', ['-c', `head -c 17000000 /dev/zero | "${process.execPath}" "${join(out, 'cli/main.js')}" validate - --epoch 1`], {
      encoding: 'utf8'
    })
    expect(stdin.status).toBe(2)
    expect(stdin.stderr).toMatch(/^error: -: larger than 16 MiB/)
    expect(Date.now() - started).toBeLessThan(30_000)
  })

  it('CLI13: output to a reader that goes away ends the run normally: exit 0, no stack trace', () => {
    const file = join(tmp, 'epipe-scenario.json')
    expect(rtdeploy('demo', '--scenario', file).code).toBe(0)
    // 3000 epochs: `simulate --json` prints about 0.5 MB, far more than a pipe buffer, and
    // `head -c 1` closes the pipe after the first byte.
    writeFileSync(file, JSON.stringify({ ...(JSON.parse(readFileSync(file, 'utf8')) as object), epochs: 3000 }))
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" "${join(out, 'cli/main.js')}" simulate "${file}" --json | head -c 1 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`], {
      encoding: 'utf8'
    })
    expect(r.stdout.trim()).toBe('exit=0')
    expect(r.stderr).toBe('')
  })

  it('CLI17: --strict refuses the CBOR leniencies oasis-core accepts (a byte after the descriptor, CX1); without it the input is read as oasis-core reads it', () => {
    const bytes = readFileSync(fx('proposed.cbor'))
    const path = join(tmp, 'trailing.cbor')
    writeFileSync(path, Buffer.concat([bytes, Buffer.from([0])]))
    expect(rtdeploy('hash', path).stdout).toBe(rtdeploy('hash', fx('proposed.cbor')).stdout)
    const strict = rtdeploy('hash', path, '--strict')
    expect(strict.code).toBe(2)
    expect(strict.stderr).toMatch(/CX1/)
    noStackTrace(strict)
    expect(rtdeploy('hash', fx('proposed.cbor'), '--strict').code).toBe(0)
    expect(rtdeploy('check-update', fx('current.json'), path, '--epoch', '1250', '--params', fx('params.json')).code).toBe(0)
    expect(rtdeploy('check-update', fx('current.json'), path, '--epoch', '1250', '--params', fx('params.json'), '--strict').code).toBe(2)
  })

  it('CLI16: without --params, an oasis-core local network\'s parameters: entity and runtime governance, 2 deployments', () => {
    const rt = JSON.parse(readFileSync(fx('current.json'), 'utf8')) as Record<string, unknown>
    const deployments = rt['deployments'] as unknown[]
    const scheduled = [deployments[1], { version: { major: 1, minor: 5 }, valid_from: 1300 }]
    const local = jsonFile('local-params.json', { enable_runtime_governance_models: { 1: true, 2: true } })
    // The documented default, written out, gives the same verdicts as no --params at all.
    for (const proposed of [fx('proposed.cbor'), jsonFile('scheduled.json', { ...rt, deployments: scheduled })]) {
      const implicit = rtdeploy('check-update', fx('current.json'), proposed, '--epoch', '1250')
      const explicit = rtdeploy('check-update', fx('current.json'), proposed, '--epoch', '1250', '--params', local)
      expect(explicit.code).toBe(implicit.code)
      // The same verdict; only the run without parameters says what it assumed (CLI18).
      expect(implicit.stdout).toBe(`${explicit.stdout}${ASSUMED_NOTE}\n`.replace(/\nnote: at most 2 deployments: .*\n(?=note: no --params)/, '\n'))
    }
    expect(rtdeploy('check-update', fx('current.json'), fx('current.json'), '--epoch', '1250').code).toBe(0)
    // Runtime governance (2) is enabled, consensus governance (3) is not (VR12).
    const model = (m: number): string => jsonFile(`model-${m}.json`, { ...rt, governance_model: m, deployments: scheduled })
    const byRuntime = rtdeploy('check-update', model(2), model(2), '--epoch', '1250')
    expect(byRuntime.code).toBe(0)
    const byConsensus = rtdeploy('check-update', model(3), model(3), '--epoch', '1250', '--json')
    expect(byConsensus.code).toBe(1)
    expect(json(byConsensus)).toMatchObject({ ok: false, violation: { rule: 'VR12', _tag: 'GovernanceModelNotEnabled' } })
    // --params is used as given: nothing of the default is merged in.
    const onlyLimit = rtdeploy('check-update', fx('current.json'), fx('current.json'), '--epoch', '1250', '--params', jsonFile('limit.json', { max_runtime_deployments: 5 }), '--json')
    expect(onlyLimit.code).toBe(1)
    expect(json(onlyLimit)).toMatchObject({ ok: false, violation: { rule: 'VR12' } })
    // A scenario without params registers its runtimes under the same default; with {} none is enabled.
    const atGenesis = { ...rt, deployments: [{ version: { major: 1 }, valid_from: 0 }] }
    expect(rtdeploy('simulate', jsonFile('no-params.json', { epochs: 1, runtimes: { a: atGenesis } })).code).toBe(0)
    const empty = rtdeploy('simulate', jsonFile('empty-params.json', { epochs: 1, params: {}, runtimes: { a: atGenesis } }))
    expect(empty.code).toBe(2)
    expect(empty.stderr).toMatch(/runtimes\.a: refused at genesis: VR12 GovernanceModelNotEnabled: /)
    for (const c of ['validate', 'check-update', 'plan']) {
      expect(rtdeploy(c, '--help').stdout, c).toContain('{"enable_runtime_governance_models": {"1": true, "2": true}}')
    }
  })

  it('CLI14: an argument the library refuses as malformed is bad input (exit 2), not a rule refusal', () => {
    const r = rtdeploy('plan', fx('current.json'), '--version', '1.5.0', '--epoch', '1250', '--lead', '0')
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^error: --lead must be at least 1/)
    const j = json(rtdeploy('plan', fx('current.json'), '--version', '1.5.0', '--epoch', '1250', '--lead', '0', '--json'))
    expect(j).toMatchObject({ ok: false })
    const epochMax = rtdeploy('plan', fx('current.json'), '--version', '1.5.0', '--epoch', '18446744073709551615', '--lead', '1')
    expect(epochMax.code).toBe(2)
    expect(epochMax.stderr).toMatch(/^error: DX2 MalformedArgument: argument opts.leadEpochs is malformed: now \+ leadEpochs exceeds 2\^64 - 1/)
    noStackTrace(epochMax)
  })
})

// -------------------------------------------------------------------------------------------------
// meeting oasis-node users: networks, oasis-node's JSON, genesis documents, complete --json
// -------------------------------------------------------------------------------------------------

describe('rtdeploy with oasis-node inputs', () => {
  const oasisOf = (descriptor: string): Record<string, unknown> => JSON.parse(rtdeploy('decode', descriptor, '--to', 'oasis-json').stdout) as Record<string, unknown>

  it('CLI18: --network mainnet and testnet allow 5 deployments; local, like no parameters, 2; the JSON says which were used', () => {
    for (const network of ['mainnet', 'testnet']) {
      const r = rtdeploy('check-update', fx('current.json'), fx('proposed.cbor'), '--epoch', '1250', '--network', network, '--json')
      expect(r.code, network).toBe(0)
      expect(json(r)).toMatchObject({ ok: true, params: { source: { kind: 'network', network }, max_deployments: 5 } })
    }
    const local = rtdeploy('check-update', fx('current.json'), fx('proposed.cbor'), '--epoch', '1250', '--network', 'local')
    expect(local.code).toBe(1)
    expect(local.stdout).toContain('note: at most 2 deployments: max(2, max_runtime_deployments = 0) of an oasis-core local network (--network local)')
    const assumed = rtdeploy('check-update', fx('current.json'), fx('proposed.cbor'), '--epoch', '1250')
    expect(assumed.code).toBe(1)
    expect(assumed.stdout.endsWith(`${ASSUMED_NOTE}\n`)).toBe(true)
    for (const line of assumed.stdout.split('\n').filter((l) => l.startsWith('note') || l.startsWith(' '))) expect(line.length, line).toBeLessThan(100)
    expect(json(rtdeploy('validate', fx('current.json'), '--epoch', '1250', '--json'))).toMatchObject({ params: { source: { kind: 'assumed' }, max_deployments: 2 } })
    const given = rtdeploy('check-update', fx('current.json'), fx('proposed.cbor'), '--epoch', '1250', '--params', jsonFile('two.json', { enable_runtime_governance_models: { 1: true }, max_runtime_deployments: 2 }))
    expect(given.stdout).toMatch(/\nnote: at most 2 deployments: max\(2, max_runtime_deployments = 2\) of --params .*two\.json\n$/)
  })

  it('CLI18: --network takes only the three names, and not together with --params', () => {
    const bogus = rtdeploy('validate', fx('current.json'), '--epoch', '1', '--network', 'devnet')
    expect(bogus.code).toBe(2)
    expect(bogus.stderr).toBe('error: --network must be one of mainnet, testnet, local, got "devnet"\n')
    const both = rtdeploy('validate', fx('current.json'), '--epoch', '1', '--network', 'mainnet', '--params', fx('params.json'))
    expect(both.code).toBe(2)
    expect(both.stderr).toBe('error: --params and --network both name parameters; give one\n')
    for (const c of ['validate', 'check-update', 'plan']) expect(rtdeploy(c, '--help').stdout, c).toContain('--network NAME')
  })

  it("CLI16: --params reads oasis-node's JSON of the parameters and a whole genesis document", () => {
    const oasisParams = jsonFile('oasis-params.json', { enable_runtime_governance_models: { entity: true, runtime: true }, max_runtime_deployments: 5 })
    expect(rtdeploy('check-update', fx('current.json'), fx('proposed.cbor'), '--epoch', '1250', '--params', oasisParams).code).toBe(0)
    const genesis = jsonFile('genesis-params.json', { chain_id: 'x', registry: { params: { enable_runtime_governance_models: { entity: true }, max_runtime_deployments: 5 } } })
    expect(rtdeploy('check-update', fx('current.json'), fx('proposed.cbor'), '--epoch', '1250', '--params', genesis).code).toBe(0)
    const badGenesis = rtdeploy('validate', fx('current.json'), '--epoch', '1', '--params', jsonFile('bad-genesis.json', { registry: { params: { enable_runtime_governance_models: { bogus: true } } } }))
    expect(badGenesis.code).toBe(2)
    expect(badGenesis.stderr).toMatch(/bad-genesis\.json: genesis document: O2 UnknownName at registry\.params\.enable_runtime_governance_models\[bogus\]/)
  })

  it("CLI19: oasis-node's JSON of a descriptor is read when detected or named, gives the same hash, and errors name both forms", () => {
    const hash = rtdeploy('hash', fx('proposed.cbor')).stdout
    const oasis = textFile('oasis.json', rtdeploy('decode', fx('proposed.cbor'), '--to', 'oasis-json').stdout)
    expect(readFileSync(oasis, 'utf8')).toMatch(/"entity_id": "AQEB[A-Za-z0-9+/]+=",\n/)
    expect(readFileSync(oasis, 'utf8')).toContain('"governance_model": "entity"')
    expect(rtdeploy('hash', oasis).stdout).toBe(hash)
    expect(rtdeploy('hash', oasis, '--format', 'oasis-json').stdout).toBe(hash)
    const forced = rtdeploy('hash', oasis, '--format', 'json')
    expect(forced.code).toBe(2)
    expect(forced.stderr).toMatch(/C4\.7 WrongType at entity_id: expected bytes\(32\) as a hex string/)
    const neither = rtdeploy('hash', jsonFile('neither.json', { ...oasisOf(fx('proposed.cbor')), governance_model: 'bogus' }))
    expect(neither.code).toBe(2)
    expect(neither.stderr).toMatch(/neither the library's JSON \(bytes as hex\) nor oasis-node's JSON .* as the library's: C4\.7 WrongType at entity_id: .*; as oasis-node's: O2 UnknownName at governance_model/)
    // Both forms read `{"v": 3, "tee": …}`-like text only where it means the same: a hex string that
    // is also base64 in a byte field is ambiguous.
    const ambiguous = rtdeploy('hash', jsonFile('ambiguous.json', { v: 3, deployments: [{ version: {}, valid_from: 1, tee: 'abcd' }] }))
    expect(ambiguous.code).toBe(2)
    expect(ambiguous.stderr).toMatch(/reads as the library's JSON and as oasis-node's JSON with different values; pass --format json or --format oasis-json/)
    const pruned = join(tmp, 'pruned.json')
    expect(rtdeploy('prune', oasis, '--epoch', '1250', '-o', pruned, '--format', 'oasis-json').code).toBe(0)
    expect(readFileSync(pruned, 'utf8')).toContain('"governance_model": "entity"')
    expect(rtdeploy('decode', fx('proposed.cbor'), '--to', 'yaml').code).toBe(2)
  })

  it('CLI20: --json carries the active and next deployment and, for an update, what changed', () => {
    const j = json(rtdeploy('check-update', fx('current.json'), fx('proposed.cbor'), '--epoch', '1250', '--params', fx('params.json'), '--json'))
    expect(j).toMatchObject({
      ok: true,
      epoch: 1250,
      active: { version: { major: 1, minor: 4 }, valid_from: 1200 },
      next: { version: { major: 1, minor: 5 }, valid_from: 1300 },
      changes: { added: [{ version: { major: 1, minor: 5 }, valid_from: 1300 }], removed: [], moved: [] }
    })
    const rt = JSON.parse(readFileSync(fx('current.json'), 'utf8')) as { deployments: Array<{ version: unknown; valid_from: number }> }
    const moved = jsonFile('moved.json', { ...rt, deployments: [rt.deployments[0], { ...rt.deployments[1], valid_from: 1400 }] })
    const r = rtdeploy('check-update', fx('current.json'), moved, '--epoch', '1100', '--params', fx('params.json'))
    expect(r.stdout).toContain('changes: ~ 1.4.0 from epoch 1200 → epoch 1400')
    expect(json(rtdeploy('check-update', fx('current.json'), moved, '--epoch', '1100', '--params', fx('params.json'), '--json')))
      .toMatchObject({ changes: { added: [], removed: [], moved: [{ from: { valid_from: 1200 }, to: { valid_from: 1400 } }] } })
    expect(json(rtdeploy('validate', fx('current.json'), '--epoch', '18446744073709551615', '--json'))).toMatchObject({ epoch: '18446744073709551615', next: null })
  })

  it('CLI21: genesis checks every runtime as the genesis sanity check does and prints each active and next deployment', () => {
    const rt = oasisOf(fx('proposed.cbor'))
    const km = { ...rt, id: `40${'00'.repeat(30)}01`, kind: 2, deployments: [{ version: { major: 2 }, valid_from: 0 }] }
    const twice = { ...rt, deployments: [{ version: { major: 1 }, valid_from: 5 }, { version: { major: 1 }, valid_from: 9 }] }
    const params = { enable_runtime_governance_models: { entity: true, runtime: true }, max_runtime_deployments: 5 }
    const good = jsonFile('genesis-good.json', { registry: { params, runtimes: [rt], suspended_runtimes: [] }, beacon: { base: 1250 } })
    const ok = rtdeploy('genesis', good)
    expect(ok.code).toBe(0)
    expect(ok.stdout).toBe(
      `${rt['id'] as string}: active 1.4.0 from epoch 1200; next 1.5.0 from epoch 1300\n1 runtime valid at epoch 1250 under the document's registry parameters (at most 5 deployments)\n`
    )
    expect(json(rtdeploy('genesis', good, '--epoch', '1300', '--json'))).toMatchObject({
      ok: true,
      epoch: 1300,
      runtimes: [{ id: rt['id'], suspended: false, ok: true, active: { version: { major: 1, minor: 5 } }, next: null }],
      params: { source: { kind: 'genesis' }, max_deployments: 5 }
    })
    const bad = jsonFile('genesis-bad.json', { registry: { params, runtimes: [rt, km, rt], suspended_runtimes: [{ ...twice, id: `00${'00'.repeat(30)}02` }] }, beacon: { base: 1250 } })
    const r = rtdeploy('genesis', bad)
    expect(r.code).toBe(1)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines[1]).toMatch(/^40+1: refused: VR7 KeyManagerWithoutSgx: /)
    expect(lines[2]).toMatch(/: refused: E2 DuplicateRuntime: /)
    expect(lines[3]).toMatch(/^0+2 \(suspended\): refused: D4 DuplicateVersion: /)
    expect(lines[4]).toMatch(/^3 of 4 runtimes refused at epoch 1250; oasis-core's sanity check stops at the first: 40+1$/)
    // RR4 runs after every runtime passed VerifyRuntime: the summary names the VR7 refusal, the
    // compute runtime whose key manager is missing is refused too.
    const user = { ...rt, key_manager: Buffer.from(`40${'00'.repeat(30)}09`, 'hex').toString('base64') }
    const orphan = rtdeploy('genesis', jsonFile('genesis-km.json', { registry: { params, runtimes: [user, km] }, beacon: { base: 1250 } }))
    const orphanLines = orphan.stdout.trimEnd().split('\n')
    expect(orphanLines[0]).toMatch(/: refused: RR4 UnknownKeyManager: the key manager 40(00){30}09 is not a registered runtime$/)
    expect(orphanLines[2]).toMatch(/^2 of 2 runtimes refused at epoch 1250; oasis-core's sanity check stops at the first: 40+1$/)
    const noBase = rtdeploy('genesis', jsonFile('genesis-nobase.json', { registry: { params, runtimes: [rt] } }))
    expect(noBase.code).toBe(2)
    expect(noBase.stderr).toBe("error: --epoch is required (the document has no beacon.base)\n")
    const broken = rtdeploy('genesis', jsonFile('genesis-broken.json', { registry: { params, runtimes: [{ ...rt, entity_id: 'x' }] } }), '--epoch', '1')
    expect(broken.code).toBe(2)
    expect(broken.stderr).toMatch(/genesis-broken\.json: C4\.7 WrongType at registry\.runtimes\[0\]\.entity_id: expected bytes\(32\) as a padded base64 string/)
  })
})

describe('rtdeploy reconcile', () => {
  it('CLI23: reconcile prints the plan for a node\'s bundles, "!" on what it needs to keep serving; applying it leaves nothing to do', () => {
    const id = '0000000000000000070707070707070707070707070707070707070707070707'
    const installed = jsonFile('installed.json', [
      { runtime: id, version: '1.3.0' },
      { runtime: `${'00'.repeat(31)}ff`, version: '2.0.0', checksum: 'ab'.repeat(32) }
    ])
    const r = rtdeploy('reconcile', '--installed', installed, '--runtimes', fx('genesis.json'), '--epoch', '1297')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe(
      [
        'at epoch 1297: 4 actions, 1 required to keep serving (!)',
        `  remove  ${'00'.repeat(31)}ff 2.0.0: a runtime this node does not serve`,
        `! install ${id} 1.4.0 (active since epoch 1200)`,
        `  install ${id} 1.5.0 (pre-warm, active from epoch 1300)`,
        `  remove  ${id} 1.3.0: below the active version`
      ].join('\n') + '\n'
    )
    const done = jsonFile('installed-after.json', [
      { runtime: id, version: '1.4.0' },
      { runtime: id, version: '1.5.0' }
    ])
    expect(rtdeploy('reconcile', '--installed', done, '--runtimes', fx('proposed.cbor'), '--epoch', '1297').stdout).toBe('nothing to do at epoch 1297\n')
    expect(json(rtdeploy('reconcile', '--installed', installed, '--runtimes', fx('proposed.cbor'), '--epoch', '1297', '--pre-warm', '0', '--json'))).toMatchObject({
      ok: true,
      required: 1,
      actions: [{ _tag: 'Remove', rule: 'RC4', reason: 'not-served' }, { _tag: 'Install', rule: 'RC1', reason: 'active', required: true }, { _tag: 'Remove', rule: 'RC3' }]
    })
    const bad = rtdeploy('reconcile', '--installed', jsonFile('bad.json', [{ runtime: id, version: 'one' }]), '--runtimes', fx('proposed.cbor'), '--epoch', '1')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/bad\.json: installed\[0\]\.version: /)
    expect(rtdeploy('reconcile', '--runtimes', fx('proposed.cbor'), '--epoch', '1').stderr).toBe('error: --installed is required\n')
    // A genesis document is read as oasis-node reads it (a key in another letter case is Go's
    // field), and --strict refuses that leniency (OX2), as `rtdeploy genesis` does.
    const folded = textFile('genesis-folded.json', readFileSync(fx('genesis.json'), 'utf8').replace('"deployments"', '"Deployments"'))
    expect(rtdeploy('reconcile', '--installed', installed, '--runtimes', folded, '--epoch', '1297').stdout).toBe(r.stdout)
    const strictRun = rtdeploy('reconcile', '--installed', installed, '--runtimes', folded, '--epoch', '1297', '--strict')
    expect(strictRun.code).toBe(2)
    expect(strictRun.stderr).toMatch(/OX2/)
  })
})

describe('rtdeploy era', () => {
  it('CLI24: era verifies signed markers and says run, warn or halt; refused markers and halting exit 1', async () => {
    const { ed25519 } = await import('@noble/curves/ed25519.js')
    const secret = new Uint8Array(32).fill(7)
    const markers = [{ name: 'pythagoras', epoch: 0 }, { name: 'lagrange', epoch: 1280 }]
    const signature = Buffer.from(ed25519.sign(new TextEncoder().encode(JSON.stringify(markers)), secret)).toString('hex')
    const payload = Buffer.from(JSON.stringify({ markers, signature })).toString('hex')
    const datum = textFile('era-datum.json', JSON.stringify({ constructor: 0, fields: (payload.match(/.{1,128}/g) ?? []).map((bytes) => ({ bytes })) }))
    const key = textFile('era.vkey', Buffer.from(JSON.stringify([...ed25519.getPublicKey(secret)])).toString('hex'))
    const warn = rtdeploy('era', datum, '--key', key, '--epoch', '1250', '--supported', 'pythagoras')
    expect(warn.code).toBe(0)
    expect(warn.stdout).toBe(
      "warn at epoch 1250: ER7 EraUpgradeSoon: the upcoming era 'lagrange' (from epoch 1280) is not supported by this binary: update before it starts\n" +
        'current era: pythagoras (from epoch 0); next: lagrange (from epoch 1280)\n'
    )
    expect(rtdeploy('era', datum, '--key', key, '--epoch', '1250', '--supported', 'pythagoras,lagrange').stdout).toMatch(/^run at epoch 1250: ER6 EraSupported/)
    const halt = rtdeploy('era', textFile('era-payload.hex', payload), '--key', Buffer.from(ed25519.getPublicKey(secret)).toString('hex'), '--epoch', '1300', '--supported', 'pythagoras', '--json')
    expect(halt.code).toBe(1)
    expect(json(halt)).toMatchObject({ ok: false, epoch: 1300, verdict: { _tag: 'EraUnsupported', rule: 'ER6', current: { name: 'lagrange', epoch: 1280 } } })
    const forged = rtdeploy('era', datum, '--key', Buffer.from(ed25519.getPublicKey(new Uint8Array(32).fill(8))).toString('hex'), '--epoch', '1250', '--supported', 'pythagoras')
    expect(forged.code).toBe(1)
    expect(forged.stdout).toMatch(/^refused: ER4 NoValidEraDatum: none of the 1 datum holds valid signed era markers \(datum 0: ER3 InvalidEraSignature\)/)
    expect(rtdeploy('era', datum, '--key', 'abcd', '--epoch', '1', '--supported', 'pythagoras').stderr).toMatch(/^error: --key: ER1 MalformedEraKey: /)
    expect(rtdeploy('era', datum, '--key', key, '--epoch', '1').stderr).toMatch(/^error: --supported is required/)
  })
})

describe('rtdeploy statement', () => {
  it('CLI25: statement verify verifies a transparent statement, judges it by a policy and an identity; refusals exit 1, bad input 2', async () => {
    const { buildTransparent, chainFor, ecKey } = await import('../support/transparency.js')
    const chain = await chainFor(await ecKey('P-256'))
    const service = await ecKey('P-384')
    const identity = new Uint8Array(32).fill(7)
    const built = buildTransparent(chain, service, { payload: identity })
    const file = join(tmp, 'release.cose')
    writeFileSync(file, built.bytes)
    const pem = `-----BEGIN PUBLIC KEY-----\n${Buffer.from(service.spki).toString('base64')}\n-----END PUBLIC KEY-----\n`
    const trust = jsonFile('ledger.json', { serviceKeys: [pem] })
    const ok = rtdeploy('statement', 'verify', file, '--trust', trust)
    expect(ok.code).toBe(0)
    expect(ok.stdout).toMatch(new RegExp(`^statement: ES256 by ${chain.did.replace(/[.]/g, '\\.')}\n  subject oasis-runtime/compute, svn 7\n  payload ${'07'.repeat(32)}\n`))
    expect(ok.stdout).toMatch(/receipt 0: ES384 from ledger\.example, registered at 2\.10, signed at 2\.11, service key [0-9a-f]{64}\nverified \(no --policy given: nothing judged it\)\n$/)
    // the same statement as hex text, the key as a PEM file
    const hexFile = textFile('release.hex', Buffer.from(built.bytes).toString('hex'))
    expect(rtdeploy('statement', 'verify', hexFile, '--trust', textFile('ledger.pem', pem)).code).toBe(0)
    const policy = jsonFile('policy.json', { issuers: [chain.did], minSvn: '7' })
    expect(rtdeploy('statement', 'verify', file, '--trust', trust, '--policy', policy).stdout).toMatch(/accepted by the policy\n$/)
    const strict = rtdeploy('statement', 'verify', file, '--trust', trust, '--policy', jsonFile('p8.json', { minSvn: 8 }), '--json')
    expect(strict.code).toBe(1)
    expect(json(strict)).toMatchObject({ ok: false, violation: { rule: 'CP1', reason: 'svn 7 is below 8' }, statement: { svn: 7, certificates: 2 } })
    const admitted = rtdeploy('statement', 'verify', file, '--trust', trust, '--policy', policy, '--identity', '07'.repeat(32))
    expect(admitted.stdout).toMatch(/admitted: code identity (07){32} is endorsed and the policy accepts it\n$/)
    const other = rtdeploy('statement', 'verify', file, '--trust', trust, '--policy', policy, '--identity', '08'.repeat(32))
    expect(other.code).toBe(1)
    expect(other.stdout).toMatch(/refused: AD3 StatementNotForIdentity: /)
    expect(rtdeploy('statement', 'verify', file, '--trust', trust, '--identity', '07'.repeat(32)).stdout).toMatch(/refused: AD4 NoPolicy: /)
    const foreign = rtdeploy('statement', 'verify', file, '--trust', jsonFile('other.json', { serviceKeys: [Buffer.from((await ecKey('P-384')).spki).toString('base64')] }))
    expect(foreign.code).toBe(1)
    expect(foreign.stdout).toMatch(/^refused: TS9 UnknownReceiptKey: receipt 0 is signed by key "[0-9a-f]{64}", which is not a trusted service key\n$/)
    expect(rtdeploy('statement', 'verify', file).stderr).toBe('error: --trust is required: the ledger service keys receipts must come from\n')
    expect(rtdeploy('statement', 'sign', file, '--trust', trust).stderr).toMatch(/^error: unknown statement subcommand "sign"/)
    expect(rtdeploy('statement', 'verify', file, '--trust', trust, '--policy', jsonFile('typo.json', { minSVN: 1 })).stderr).toMatch(/unknown key "minSVN"/)
    expect(rtdeploy('statement', 'verify', file, '--trust', jsonFile('bad.json', { serviceKeys: ['AAAA'] })).code).toBe(2)
  })

  it('CLI25: statement verify --floors refuses an svn below its issuer and subject\'s floor (SV2), alone and with --identity (AD5); a malformed floors file is bad input', async () => {
    const { buildTransparent, chainFor, ecKey } = await import('../support/transparency.js')
    const chain = await chainFor(await ecKey('P-256'))
    const service = await ecKey('P-384')
    const built = buildTransparent(chain, service, { payload: new Uint8Array(32).fill(7) })
    const file = join(tmp, 'floored.cose')
    writeFileSync(file, built.bytes)
    const trust = jsonFile('floored-ledger.json', { serviceKeys: [Buffer.from(service.spki).toString('base64')] })
    const floor = (svn: number | string, subject = 'oasis-runtime/compute') => jsonFile(`floors-${svn}-${subject.length}.json`, [{ issuer: chain.did, subject, svn }])
    const at = rtdeploy('statement', 'verify', file, '--trust', trust, '--floors', floor(7))
    expect(at.code).toBe(0)
    expect(at.stdout).toMatch(/svn 7 is at or above the floor of oasis-runtime\/compute signed by did:x509:.*\nverified \(no --policy given/)
    // another subject's floor does not apply
    expect(rtdeploy('statement', 'verify', file, '--trust', trust, '--floors', floor(100, 'other')).code).toBe(0)
    const below = rtdeploy('statement', 'verify', file, '--trust', trust, '--floors', floor('8'), '--json')
    expect(below.code).toBe(1)
    expect(json(below)).toMatchObject({ ok: false, violation: { rule: 'SV2', floor: 8, svn: 7 }, statement: { svn: 7 } })
    const policy = jsonFile('floored-policy.json', { issuers: [chain.did] })
    const admitted = rtdeploy('statement', 'verify', file, '--trust', trust, '--policy', policy, '--identity', '07'.repeat(32), '--floors', floor(8))
    expect(admitted.code).toBe(1)
    expect(admitted.stdout).toMatch(/refused: SV2 SvnBelowFloor: svn 7 of oasis-runtime\/compute signed by did:x509:.* is below the floor 8/)
    expect(rtdeploy('statement', 'verify', file, '--trust', trust, '--policy', policy, '--identity', '07'.repeat(32), '--floors', floor(7)).code).toBe(0)
    for (const [bad, message] of [
      [{ issuer: chain.did }, /not an array|expected an array/],
      [[{ issuer: chain.did, subject: 's', svn: -1 }], /\[0\]: svn must be a uint64/],
      [[{ issuer: chain.did, subject: 's', svn: 1, extra: 1 }], /unknown key "extra"/],
      [[{ issuer: chain.did, subject: 's', svn: 1 }, { issuer: chain.did, subject: 's', svn: 2 }], /\[1\]: the floor of s signed by .* is given twice/],
      [[{ issuer: 1, subject: 's', svn: 1 }], /issuer and subject must be strings/]
    ] as const) {
      const r = rtdeploy('statement', 'verify', file, '--trust', trust, '--floors', jsonFile('bad-floors.json', bad))
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(message)
    }
  })
})

describe('rtdeploy as the README shows it', () => {
  const rtdeployIn = (cwd: string, args: ReadonlyArray<string>): Run => {
    const r = spawnSync(process.execPath, [join(out, 'cli/main.js'), ...args], { cwd, encoding: 'utf8' })
    return { code: r.status, stdout: r.stdout, stderr: r.stderr }
  }

  it('CLI22: every rtdeploy command in the README prints what the README shows, run in test/support/fixtures/cli', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    // Fenced blocks, fence lines toggling in and out; those that start with a command.
    const blocks: string[] = []
    let open: string[] | undefined
    for (const line of readme.split('\n')) {
      if (line.startsWith('```')) {
        if (open === undefined) open = []
        else {
          blocks.push(open.join('\n'))
          open = undefined
        }
      } else open?.push(line)
    }
    const shown = blocks.filter((b) => b.startsWith('$ rtdeploy '))
    const runs: Array<{ readonly args: string[]; readonly expected: string }> = []
    for (const block of shown) {
      for (const chunk of block.split(/^(?=\$ rtdeploy )/m)) {
        const [command, ...expected] = chunk.trimEnd().split('\n')
        runs.push({ args: command!.slice('$ rtdeploy '.length).split(' '), expected: expected.join('\n') })
      }
    }
    expect(runs.length).toBeGreaterThanOrEqual(6)
    // A copy, so that no command can change the fixtures.
    const dir = mkdtempSync(join(tmp, 'readme-'))
    cpSync(fx(''), dir, { recursive: true })
    for (const { args, expected } of runs) {
      const r = rtdeployIn(dir, args)
      expect(`${r.stdout}${r.stderr}`.trimEnd(), `rtdeploy ${args.join(' ')}`).toBe(expected)
    }
  })

  it('CLI22: npm run rtdeploy reads relative paths from the directory npm was started in', () => {
    const dir = mkdtempSync(join(tmp, 'elsewhere-'))
    cpSync(fx('proposed.cbor'), join(dir, 'mine.cbor'))
    const npm = spawnSync('npm', ['--prefix', root, 'run', '--silent', 'rtdeploy', '--', 'hash', 'mine.cbor'], { cwd: dir, encoding: 'utf8' })
    expect(npm.stderr).toBe('')
    expect(npm.stdout).toBe(rtdeploy('hash', fx('proposed.cbor')).stdout)
    // A relative path is the caller's: the package root has no mine.cbor.
    expect(existsSync(join(root, 'mine.cbor'))).toBe(false)
  })
})
