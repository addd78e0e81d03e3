/**
 * `rtdeploy fingerprint`: the EIP-2124-style schedule identifier of a runtime at an epoch (F5),
 * for telling "same schedule", "peer behind" and "incompatible" apart before talking.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { forkId } from '../../registry/forkId.js'
import { type Command, COMMON_OPTIONS } from '../command.js'
import { runtimeAtEpoch } from '../load.js'
import { badInput, EXIT, outcome } from '../output.js'

/**
 * `rtdeploy fingerprint <descriptor> --epoch N`.
 *
 * @example
 * rtdeploy fingerprint runtime.cbor --epoch 1250 // hash 3a9f01c2, next 1300
 *
 * @category cli
 * @since 0.1.0
 */
export const fingerprint: Command = {
  name: 'fingerprint',
  summary: 'the schedule fingerprint (EIP-2124 fork id) of a runtime at an epoch',
  usage: `rtdeploy fingerprint <descriptor> --epoch N [--format …] [--json]

  Prints the CRC32 of the runtime id and the valid_from epochs passed at N, and the next one
  (0 when none is scheduled). Two nodes print the same exactly when they agree on the runtime's
  past schedule and its next activation.`,
  options: { ...COMMON_OPTIONS, epoch: { type: 'string' } },
  positionals: 1,
  run: (args) =>
    pipe(
      runtimeAtEpoch(args),
      E.chain(({ rt, epoch }) =>
        pipe(
          forkId(rt, epoch),
          E.mapLeft((v) => `${v.rule} ${v._tag}: ${v.message}`),
          E.map((id) => ({ id, epoch }))
        )
      ),
      E.match(badInput, ({ id, epoch }) =>
        outcome(EXIT.ok, [`hash ${bytesToHex(id.hash)}, next ${id.next}`], { ok: true, epoch, hash: bytesToHex(id.hash), next: id.next })
      )
    )
}
