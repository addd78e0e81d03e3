/**
 * The scenario `rtdeploy demo` runs (and `rtdeploy demo --scenario FILE` writes out as a starting
 * point for `simulate`): three runtimes and twelve nodes over 20 epochs. Upgrades that go through,
 * refusals under several rules, an aborted pending deployment, pruning at activation, a node whose
 * binary falls behind, and an upgrade that activates before enough nodes run it.
 *
 * @since 0.1.0
 */

const hex32 = (byte: number, flags = 0): string => flags.toString(16).padStart(2, '0') + '00'.repeat(7) + byte.toString(16).padStart(2, '0').repeat(24)

const runtime = (idByte: number, groupSize: number, deployments: ReadonlyArray<{ version: Record<string, number>; valid_from: number }>) => ({
  v: 3,
  id: hex32(idByte),
  entity_id: hex32(0xe0).replace(/^../, 'e0'),
  genesis: { state_root: 'c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a', round: 0 },
  kind: 1,
  tee_hardware: 0,
  executor: { group_size: groupSize, group_backup_size: 0, allowed_stragglers: 0, round_timeout: 5, max_messages: 32 },
  txn_scheduler: { batch_flush_timeout: 1_000_000_000, max_batch_size: 100, max_batch_size_bytes: 1_048_576, propose_batch_timeout: 2_000_000_000 },
  storage: { checkpoint_interval: 0, checkpoint_num_kept: 0, checkpoint_chunk_size: 0 },
  admission_policy: { any_node: {} },
  governance_model: 1,
  deployments
})

const node = (name: string, runtimes: Record<string, string[]>, binary?: string[]) => ({ name, runtimes, ...(binary === undefined ? {} : { binary }) })

/**
 * The demo scenario, in the `simulate` file format.
 *
 * @example
 * import { parseScenario } from './scenario.js'
 * parseScenario(DEMO_SCENARIO) // right({ name: 'rtdeploy demo: three runtimes, twelve nodes, 20 epochs', … })
 *
 * @category cli
 * @since 0.1.0
 */
export const DEMO_SCENARIO = {
  name: 'rtdeploy demo: three runtimes, twelve nodes, 20 epochs',
  params: { max_runtime_deployments: 4, enable_runtime_governance_models: { '1': true, '2': true } },
  prune: true,
  epochs: 20,
  warnEpochs: 3,
  runtimes: {
    oracle: runtime(0x0a, 3, [{ version: { major: 1 }, valid_from: 0 }]),
    ledger: runtime(0x1b, 2, [{ version: { major: 2, minor: 3 }, valid_from: 0 }]),
    relay: runtime(0x2c, 2, [{ version: { minor: 9 }, valid_from: 0 }])
  },
  nodes: [
    node('n01', { oracle: ['1.0.0'] }, ['1.0.0', '1.1.0', '1.2.0']),
    node('n02', { oracle: ['1.0.0'] }, ['1.0.0', '1.1.0', '1.2.0']),
    node('n03', { oracle: ['1.0.0'] }, ['1.0.0', '1.1.0', '1.2.0']),
    node('n04', { oracle: ['1.0.0'] }, ['1.0.0', '1.1.0', '1.2.0']),
    node('n05', { oracle: ['1.0.0'] }, ['1.0.0']),
    node('n06', { ledger: ['2.3.0'] }, ['2.3.0', '2.4.0']),
    node('n07', { ledger: ['2.3.0'] }, ['2.3.0', '2.4.0']),
    node('n08', { ledger: ['2.3.0'] }, ['2.3.0']),
    node('n09', { relay: ['0.9.0'] }),
    node('n10', { relay: ['0.9.0'] }),
    node('n11', { relay: ['0.9.0'] }),
    node('n12', { relay: ['0.9.0'] })
  ],
  events: [
    { epoch: 2, runtime: 'oracle', schedule: '1.1.0', lead: 4, note: 'operator schedules 1.1.0 four epochs ahead' },
    { epoch: 3, runtime: 'ledger', deployments: [{ version: { major: 2, minor: 3 }, valid_from: 0 }, { version: { major: 2, minor: 4 }, valid_from: 2 }], note: 'a deployment dated in the past' },
    { epoch: 3, runtime: 'ledger', schedule: '2.4.0', lead: 5 },
    { epoch: 4, runtime: 'oracle', deployments: [{ version: { major: 1 }, valid_from: 3 }, { version: { major: 1, minor: 1 }, valid_from: 6 }], note: 'rewriting the running deployment' },
    { epoch: 4, node: 'n01', runtimes: { oracle: ['1.0.0', '1.1.0'] }, binary: ['1.0.0', '1.1.0', '1.2.0'] },
    { epoch: 4, node: 'n02', runtimes: { oracle: ['1.0.0', '1.1.0'] }, binary: ['1.0.0', '1.1.0', '1.2.0'] },
    { epoch: 5, node: 'n03', runtimes: { oracle: ['1.0.0', '1.1.0'] }, binary: ['1.0.0', '1.1.0', '1.2.0'] },
    { epoch: 5, node: 'n04', runtimes: { oracle: ['1.0.0', '1.1.0'] }, binary: ['1.0.0', '1.1.0', '1.2.0'] },
    { epoch: 5, runtime: 'relay', schedule: '1.0.0', lead: 4, note: 'relay plans 1.0.0' },
    { epoch: 6, runtime: 'relay', deployments: [{ version: { minor: 9 }, valid_from: 0 }], note: 'relay aborts its pending upgrade' },
    { epoch: 7, runtime: 'relay', deployments: [{ version: { minor: 9 }, valid_from: 0 }, { version: { major: 1 }, valid_from: 11 }, { version: { major: 1, minor: 1 }, valid_from: 12 }], note: 'two upgrades pending at once' },
    { epoch: 7, node: 'n06', runtimes: { ledger: ['2.3.0', '2.4.0'] }, binary: ['2.3.0', '2.4.0'] },
    { epoch: 9, runtime: 'oracle', schedule: '1.0.5', lead: 4, note: 'a downgrade' },
    { epoch: 10, node: 'n07', runtimes: { ledger: ['2.3.0', '2.4.0'] }, binary: ['2.3.0', '2.4.0'] },
    { epoch: 11, runtime: 'oracle', deployments: [{ version: { major: 1, minor: 1 }, valid_from: 6 }, { version: { major: 1, minor: 2 }, valid_from: 15, bundle_checksum: '00112233445566' }], note: 'a 7-byte bundle checksum' },
    { epoch: 12, runtime: 'oracle', schedule: '1.2.0', lead: 4 },
    { epoch: 14, node: 'n01', runtimes: { oracle: ['1.1.0', '1.2.0'] }, binary: ['1.0.0', '1.1.0', '1.2.0'] },
    { epoch: 14, node: 'n02', runtimes: { oracle: ['1.1.0', '1.2.0'] }, binary: ['1.0.0', '1.1.0', '1.2.0'] },
    { epoch: 15, node: 'n03', runtimes: { oracle: ['1.1.0', '1.2.0'] }, binary: ['1.0.0', '1.1.0', '1.2.0'] },
    { epoch: 15, runtime: 'relay', schedule: '1.0.0', lead: 3 },
    { epoch: 17, node: 'n09', runtimes: { relay: ['0.9.0', '1.0.0'] } },
    { epoch: 17, node: 'n10', runtimes: { relay: ['0.9.0', '1.0.0'] } },
    { epoch: 17, node: 'n11', runtimes: { relay: ['0.9.0', '1.0.0'] } }
  ]
} as const
