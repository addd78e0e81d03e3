/**
 * `rtdeploy timeline`: when each deployment of a descriptor is in force, as text and as an SVG
 * chart of versions over epochs.
 *
 * @since 0.1.0
 */
import { bytesToHex } from '@noble/hashes/utils.js'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { deploymentsOf } from '../../rules/deployment.js'
import { compareU64 } from '../../internal/uint64.js'
import type { Runtime, U64, VersionInfo } from '../../schema/runtime.js'
import { formatVersion } from '../../rules/version.js'
import { type Args, type Command, COMMON_OPTIONS } from '../command.js'
import { loadEpoch, loadRuntime, writeOutput } from '../load.js'
import { badInput, EXIT, outcome } from '../output.js'
import { type Segment, svgTimeline } from '../timelineSvg.js'

/**
 * The segments of a descriptor, in epoch order (A1–A3: each deployment is active from its
 * `valid_from` until the next one starts).
 *
 * @example
 * segments(rt) // [{ version: '1.3.0', from: 1000n, until: 1199n }, { version: '1.4.0', from: 1200n, until: undefined }]
 *
 * @category cli
 * @since 0.1.0
 */
export const segments = (rt: Runtime): ReadonlyArray<Segment> => {
  const sorted = [...deploymentsOf(rt)].sort((a: VersionInfo, b: VersionInfo) => compareU64(a.valid_from, b.valid_from))
  return sorted.map((d, i) => {
    const next = sorted[i + 1]
    return {
      version: formatVersion(d.version),
      from: BigInt(d.valid_from),
      until: next === undefined ? undefined : BigInt(next.valid_from) - 1n
    }
  })
}

const WIDTH = 60

/** Position of `epoch` on a scale of `width` cells over `[from, to]`. */
const scale = (epoch: bigint, from: bigint, to: bigint, width: number): number => {
  if (to <= from) return 0
  const clamped = epoch < from ? from : epoch > to ? to : epoch
  return Number(((clamped - from) * BigInt(width)) / (to - from))
}

const textTimeline = (segs: ReadonlyArray<Segment>, from: bigint, to: bigint): string[] => {
  const label = Math.max(7, ...segs.map((s) => s.version.length))
  const lines = [`epochs ${from}–${to}`]
  for (const s of segs) {
    const end = s.until ?? to
    if (end < from || s.from > to) continue
    const a = scale(s.from, from, to, WIDTH)
    const b = Math.max(a + 1, scale(end, from, to, WIDTH))
    const bar = `${' '.repeat(a)}${'█'.repeat(b - a)}`.padEnd(WIDTH)
    const range = s.until === undefined ? `${s.from} →` : `${s.from}–${s.until}`
    lines.push(`${s.version.padEnd(label)} │${bar}│ ${range}`)
  }
  return lines
}

const range = (args: Args, segs: ReadonlyArray<Segment>): E.Either<string, readonly [bigint, bigint]> => {
  const first = segs[0]?.from ?? 0n
  const last = segs[segs.length - 1]?.from ?? 0n
  const from = args.values['from'] === undefined ? E.right<string, U64>(first) : loadEpoch(args, 'from')
  const to = args.values['to'] === undefined ? E.right<string, U64>(last + (last - first) / 4n + 1n) : loadEpoch(args, 'to')
  if (E.isLeft(from)) return from
  if (E.isLeft(to)) return to
  const a = BigInt(from.right)
  const b = BigInt(to.right)
  return b < a ? E.left(`--to ${b} is before --from ${a}`) : E.right([a, b] as const)
}

/**
 * `rtdeploy timeline <descriptor> [--from A --to B] [--svg FILE]`.
 *
 * @example
 * rtdeploy timeline runtime.json --from 1000 --to 1400 --svg timeline.svg
 *
 * @category cli
 * @since 0.1.0
 */
export const timeline: Command = {
  name: 'timeline',
  summary: 'show when each deployment is active, as text and optionally an SVG chart',
  usage: `rtdeploy timeline <descriptor> [--from A] [--to B] [--epoch N] [--svg FILE] [--format …] [--json]

  Draws the epochs in which each deployment is the active one, between epochs A and B
  (default: from the first valid_from to a quarter beyond the last). --svg also writes a chart,
  1200 px wide: an epoch axis with ticks, each deployment labelled with its version and range,
  the runtime id as title, a legend, and with --epoch a marker at epoch N.`,
  options: { ...COMMON_OPTIONS, from: { type: 'string' }, to: { type: 'string' }, epoch: { type: 'string' }, svg: { type: 'string' } },
  positionals: 1,
  run: (args) =>
    pipe(
      loadRuntime(args, 0),
      E.bindTo('rt'),
      E.bind('segs', ({ rt }) => E.right(segments(rt))),
      E.bind('range', ({ segs }) => range(args, segs)),
      E.bind('marker', () => (args.values['epoch'] === undefined ? E.right(undefined) : E.map((e: U64) => BigInt(e))(loadEpoch(args)))),
      E.bind('wrote', ({ rt, segs, range: [from, to], marker }) => {
        const svg = args.values['svg']
        if (typeof svg !== 'string') return E.right([])
        const chart = svgTimeline(segs, from, to, { title: `runtime ${bytesToHex(rt.id)}`, ...(marker === undefined ? {} : { marker }) })
        return E.map(() => [`wrote ${svg} (SVG chart, 1200 px wide)`])(writeOutput(svg, new TextEncoder().encode(chart)))
      }),
      E.match(badInput, ({ segs, range: [from, to], marker, wrote }) =>
        outcome(EXIT.ok, [...textTimeline(segs, from, to), ...wrote], {
          ok: true,
          from,
          to,
          ...(marker === undefined ? {} : { epoch: marker }),
          segments: segs,
          ...(typeof args.values['svg'] === 'string' ? { svg: args.values['svg'] } : {})
        })
      )
    )
}
