/**
 * The README walkthrough (examples/quickstart.ts) runs and prints what the README shows.
 */
import { describe, expect, it, vi } from 'vitest'

describe('examples', () => {
  it('U9: the quickstart accepts the schedule, refuses moving the active deployment, and round-trips', async () => {
    const lines: string[] = []
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.join(' '))
    })
    try {
      await import('../examples/quickstart.js')
    } finally {
      spy.mockRestore()
    }
    expect(lines).toEqual([
      'schedule 1.5.0: accepted',
      'refused: U9 ActiveDeploymentChanged: deployment 1.4.0 (valid_from 1200) is active at epoch 1250 and must be kept exactly; the update would make deployment 1.3.0 (valid_from 1000) active',
      'epoch 1250: active 1.4.0, next 1.5.0 at 1300',
      'epoch 1300: active 1.5.0, next none',
      'pruned at 1300: 1.3.0, 1.4.0',
      'encoded 538 bytes, hash 20a670ecf2af47a40a6a37e52a06fd7d5683cc426eb6e663e4fb754250be0371',
      'decoded back: 1 deployments',
      'decode: CX4 NullNotAllowed at kind (byte 6): null is not allowed here (expected uint32)'
    ])
  })
})
