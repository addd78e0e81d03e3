/**
 * C4.6: decoding hostile input allocates heap in proportion to its size, with the bound the spec
 * states; a refused container is not built. Measured in a child process with young generations
 * large enough that no collection runs while a bomb decodes, so the heap growth is the allocation.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')

interface Measured {
  readonly name: string
  readonly bytes: number
  readonly result: string
  readonly allocated: number
  readonly retained: number
}

// The bound of spec/codec.md C4.6, per input byte, plus a constant for the decoder's own setup.
const ALLOCATED_PER_BYTE = 1024
const RETAINED_PER_BYTE = 640
const CONSTANT = 1024 * 1024

const measure = (size: number): Measured[] =>
  execFileSync(
    process.execPath,
    [
      '--expose-gc',
      '--min-semi-space-size=256',
      '--max-semi-space-size=256',
      '--max-old-space-size=1024',
      '--import',
      'tsx',
      join(root, 'test/support/allocationBombs.ts'),
      String(size)
    ],
    { cwd: root, encoding: 'utf8' }
  )
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Measured)

const check = (measured: ReadonlyArray<Measured>): void => {
  expect(measured.length).toBeGreaterThan(5)
  for (const m of measured) {
    expect(m.allocated * m.bytes, `${m.name}: ${m.allocated.toFixed(1)} allocated per byte`).toBeLessThanOrEqual(CONSTANT + ALLOCATED_PER_BYTE * m.bytes)
    expect(m.retained * m.bytes, `${m.name}: ${m.retained.toFixed(1)} kept per byte`).toBeLessThanOrEqual(CONSTANT + RETAINED_PER_BYTE * m.bytes)
  }
  // C4.7 refusals of a container: no value is built, only its keys are read.
  const refused = measured.filter((m) => m.result.startsWith('Left') && m.bytes > 10_000)
  expect(refused.length).toBeGreaterThanOrEqual(2)
  for (const m of refused) expect(m.allocated * m.bytes, `${m.name}: ${m.allocated.toFixed(1)} allocated per byte`).toBeLessThanOrEqual(CONSTANT + 8 * m.bytes)
}

describe('allocation', () => {
  it.each([20_000, 200_000])(
    'C4.6: bombs of about %i bytes allocate at most 1 KiB and keep at most 640 bytes per input byte; refused ones are not built',
    (size) => check(measure(size))
  )
})
