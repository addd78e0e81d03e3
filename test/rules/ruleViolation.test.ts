import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeSgxConstraints } from '../../src/schema/descriptors.js'
import { RULE_VIOLATION_RULES, type RuleViolationData, type RuleViolationTag, ruleViolation } from '../../src/rules/ruleViolation.js'
import { left } from '../support/helpers.js'

// Every spec file: the node-side, scheduler and planner rules live beside spec/rules.md.
const SPEC_DIR = new URL('../../spec/', import.meta.url)
const SPEC_IDS = new Set(
  readdirSync(SPEC_DIR)
    .filter((f) => f.endsWith('.md'))
    .flatMap((f) => readFileSync(new URL(f, SPEC_DIR), 'utf8').split('\n'))
    .map((line) => /^- \*\*([A-Z]+[0-9]+(?:\.[0-9]+)?)\*\* /.exec(line)?.[1])
    .filter((id): id is string => id !== undefined)
)

const ref = { version: { major: 1, minor: 4 }, valid_from: 1200 }
const later = { version: { major: 1, minor: 5 }, valid_from: 1300n }
const cause = ruleViolation('TooManyDeployments', { count: 6, limit: 5 })

// One sample of every member, so every message template is exercised.
const SAMPLES: { readonly [T in RuleViolationTag]: RuleViolationData[T] } = {
  MalformedDeployment: { index: 2, field: 'valid_from', reason: 'not a uint64' },
  MalformedArgument: { argument: 'now', reason: 'not a uint64' },
  NoDeploymentInfo: {},
  NoDeployments: {},
  TooManyDeployments: { count: 6, limit: 5 },
  NilDeployment: { index: 1 },
  DuplicateVersion: { deployment: later, other: ref },
  VersionsNotIncreasing: { deployment: later, previous: ref },
  TeeWithoutHardware: { deployment: ref },
  InvalidSgxConstraints: { deployment: ref, problem: 'undecodable', decodeError: left(decodeSgxConstraints(new Uint8Array(0))) },
  NoEnclaves: { deployment: ref },
  InvalidTeeHardware: { tee_hardware: 2 },
  InvalidBundleChecksum: { deployment: ref, length: 7 },
  MoreThanOneFutureDeployment: { future: [ref, later], now: 10 },
  ImmediateDeployment: { deployment: ref, now: 1250 },
  RuntimeIdChanged: { current: new Uint8Array(2), proposed: Uint8Array.of(1, 2) },
  KindChanged: { current: 1, proposed: 2 },
  GenesisChanged: { field: 'round' },
  KeyManagerChanged: { change: 'replaced', current: Uint8Array.of(0xab), proposed: Uint8Array.of(0xcd) },
  GovernanceModelChanged: { problem: 'transition', current: 2, proposed: 1, kind: 1 },
  StoredDescriptorInvalid: { cause, now: 7 },
  DeploymentChanged: { current: ref, proposed: { ...ref, valid_from: 1201 }, now: 1250 },
  RetroactiveDeployment: { deployment: ref, now: 1250 },
  ActiveDeploymentRemoved: { deployment: ref, now: 1250 },
  ActiveDeploymentChanged: { current: ref, proposed: later, now: 1250 },
  UpdateDeploysImmediately: { deployment: ref, now: 1250 },
  InvalidVersionString: { input: 'a.b', reason: 'the major part "a" is not a decimal number' },
  LeadTimeTooShort: { deployment: later, now: 1250, minLeadEpochs: 100, earliest: 1350 },
  DeploymentFrozen: { deployment: later, change: 'amended', now: 1299, freezeEpochs: 3 },
  PendingDowngrade: { deployment: ref, pending: later },
  ScheduledIdentityChanged: { deployment: later, field: 'tee' },
  TooManyFutureDeployments: { future: [ref, later], limit: 1, now: 10 },
  InsufficientNodes: {
    problem: 'group-size-exceeds-nodes',
    role: 'worker',
    epoch: 10,
    deployment: ref,
    eligible: 1,
    needed: 2,
    exclusions: [{ reason: 'VersionNotAdvertised', rule: 'S2', count: 1 }]
  },
  DuplicateNodeRuntime: { index: 1, first: 0, runtime_id: Uint8Array.of(0xaa), version: ref.version },
  UnknownRuntime: { index: 0, runtime_id: Uint8Array.of(0xaa) },
  NodeTeeHardwareMismatch: { index: 0, runtime_id: Uint8Array.of(0xaa), required: 1, hardware: undefined },
  UnknownEnclaveVersion: { index: 0, runtime_id: Uint8Array.of(0xaa), version: later.version, deployed: [ref.version] },
  NodeAttestationRejected: { index: 0, runtime_id: Uint8Array.of(0xaa), deployment: ref, reason: 'stale quote' },
  NodeIdentityChanged: { field: 'entity_id', current: Uint8Array.of(1), proposed: Uint8Array.of(2) },
  NodeRuntimeRemoved: { runtime_id: Uint8Array.of(0xaa), version: ref.version, active: ref, now: 1250 },
  NodeTeeChanged: { runtime_id: Uint8Array.of(0xaa), version: ref.version, change: 'removed', current: 1, proposed: undefined },
  UndeployedNodeVersion: { index: 0, runtime_id: Uint8Array.of(0xaa), version: later.version, deployed: [] },
  MalformedNode: { argument: 'proposed', field: 'roles', reason: 'not a uint32' },
  PlanDowngrade: { target: { major: 1, minor: 3 }, active: ref },
  ActiveIdentityConflict: { target: ref.version, active: ref, field: 'bundle_checksum' },
  DuplicateRuntime: { id: Uint8Array.of(0xaa), index: 3 },
  UnencodableRuntime: { id: undefined, cause: left(decodeSgxConstraints(new Uint8Array(0))) },
  EpochMismatch: { operation: 'activeVersions', epoch: 10, requested: 11n },
  UnregisteredRuntime: { id: Uint8Array.of(0xaa), operation: 'suspendRuntime' },
  EpochRegression: { epoch: 10, requested: 9 },
  ForkIdRemoteForkPassed: {
    error: 'local-incompatible-or-stale',
    local: { hash: Uint8Array.of(1, 2, 3, 4), next: 0 },
    remote: { hash: Uint8Array.of(1, 2, 3, 4), next: 5 },
    head: 7
  },
  ForkIdRemoteStale: {
    error: 'remote-stale',
    local: { hash: Uint8Array.of(1, 2, 3, 4), next: 0 },
    remote: { hash: Uint8Array.of(5, 6, 7, 8), next: 0 },
    head: 7,
    expectedNext: 5
  },
  ForkIdIncompatible: {
    error: 'local-incompatible-or-stale',
    local: { hash: Uint8Array.of(1, 2, 3, 4), next: 0 },
    remote: { hash: Uint8Array.of(5, 6, 7, 8), next: 0 },
    head: 7
  }
}

describe('ruleViolation', () => {
  it('D0: every violation tag names a rule of spec/rules.md', () => {
    for (const rule of Object.values(RULE_VIOLATION_RULES)) expect(SPEC_IDS.has(rule)).toBe(true)
  })

  it.each(Object.keys(SAMPLES) as RuleViolationTag[])('D0: %s carries its tag, rule, data and a one-line message', (tag) => {
    const v = ruleViolation(tag, SAMPLES[tag] as never)
    expect(v._tag).toBe(tag)
    expect(v.rule).toBe(RULE_VIOLATION_RULES[tag])
    expect(v).toMatchObject(SAMPLES[tag] as object)
    expect(v.message.length).toBeGreaterThan(10)
    expect(v.message).not.toMatch(/[\n\r]/)
    expect(v.message).not.toMatch(/undefined|NaN|\[object/)
  })

  it('U8: the message names the deployment, when it became active, and now', () => {
    expect(ruleViolation('DeploymentChanged', SAMPLES.DeploymentChanged).message).toBe(
      'deployment 1.4.0 (valid_from 1200) cannot change: it became active at epoch 1200, now is 1250'
    )
  })

  it('U6: the message of a stored-descriptor failure embeds its cause', () => {
    expect(ruleViolation('StoredDescriptorInvalid', SAMPLES.StoredDescriptorInvalid).message).toContain(
      'D2: too many deployments: 6 given, at most 5 allowed'
    )
  })

  it('D5: bigint epochs are rendered without a suffix', () => {
    expect(ruleViolation('VersionsNotIncreasing', SAMPLES.VersionsNotIncreasing).message).toBe(
      'deployment 1.5.0 (valid_from 1300) must start after deployment 1.4.0 (valid_from 1200): a higher version needs a later valid_from'
    )
  })
})
