/**
 * Where the shared conformance vectors live: `../shared` beside the checkout, or where
 * RD_SHARED_DIR points (a clone elsewhere, as CI may make). They are not ours to commit; a suite
 * whose folder is absent reports itself skipped.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** The folder `vectors/<sub>` of the shared tree (the default place when none exists). */
export const sharedVectorsDir = (sub: string): string =>
  [process.env['RD_SHARED_DIR'], join(import.meta.dirname, '../../../shared'), '/work/shared']
    .filter((d): d is string => d !== undefined && d !== '')
    .map((d) => join(d, 'vectors', sub))
    .find((d) => existsSync(d)) ?? join(import.meta.dirname, '../../../shared/vectors', sub)
