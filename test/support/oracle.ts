/**
 * The Go differential oracle (test/oracle/, described in test/oracle/README.md): find the Go
 * toolchain and the Debian source of fxamacker/cbor v2.4.0, build the oracle once per test run
 * into a temporary directory (offline: GOPROXY=off, -mod=readonly, the committed go.mod's
 * replace directives point at the Debian sources), and feed it hex lines.
 *
 * Environment:
 * - `ORACLE_GOCODE`: where the Go sources of the Debian packages live (default
 *   `/usr/share/gocode/src`); the build rewrites go.mod's replace targets to it.
 * - `ORACLE_GO`: the `go` binary to use (default: `go` on PATH).
 */
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ORACLE_SOURCES = join(import.meta.dirname, '..', 'oracle')
const DEBIAN_GOCODE = '/usr/share/gocode/src'
const CBOR_PACKAGE = 'golang-github-fxamacker-cbor-dev'

/** What the oracle answered for one input line. */
export type OracleAnswer =
  | { readonly ok: true; readonly hash: string; readonly cbor: string }
  | { readonly ok: false; readonly error: string }

/** An answer of the `-json` modes: Go's encoding/json text of the decoded value. */
export type OracleJsonAnswer = { readonly ok: true; readonly json: string } | { readonly ok: false; readonly error: string }

/** Whether the oracle can be built here, and if not, why. */
export type OracleAvailability =
  | { readonly available: true; readonly go: string; readonly goVersion: string; readonly gocode: string; readonly cborVersion: string }
  | { readonly available: false; readonly reason: string }

/**
 * Which decoder the oracle runs on a line: registry.Runtime, node.SGXConstraints, node.Runtime
 * (a node descriptor's runtime entry) or registry.ConsensusParameters.
 */
export type OracleMode = 'runtime' | 'sgx' | 'node' | 'params'

/**
 * Go's encoding/json text of the decoded value (`-json`, answered as {@link OracleJsonAnswer}),
 * and JSON text (spelled in hex) read back into the Go type and re-encoded (`-fromjson`, answered
 * as {@link OracleAnswer}): spec/codec.md O1, O2.
 */
export type OracleJsonMode = 'runtime-json' | 'params-json' | 'runtime-fromjson' | 'params-fromjson'

/**
 * Cheap, synchronous check (safe at module load, also under `vitest list`): is `go` runnable,
 * are the fxamacker/cbor and x448/float16 sources there, and is the cbor package v2.4.0.
 */
export const oracleAvailability = (): OracleAvailability => {
  const go = process.env['ORACLE_GO'] ?? 'go'
  const version = spawnSync(go, ['version'], { encoding: 'utf8' })
  if (version.error !== undefined || version.status !== 0) {
    return { available: false, reason: `\`${go}\` is not on PATH (apt-get install golang-go ${CBOR_PACKAGE} golang-github-x448-float16-dev)` }
  }
  const gocode = process.env['ORACLE_GOCODE'] ?? DEBIAN_GOCODE
  for (const dir of ['github.com/fxamacker/cbor', 'github.com/x448/float16']) {
    if (!existsSync(join(gocode, dir, 'go.mod'))) {
      return { available: false, reason: `${join(gocode, dir)} is missing (apt-get install ${CBOR_PACKAGE} golang-github-x448-float16-dev)` }
    }
  }
  // The Debian package's version, when dpkg knows it; the oracle is only meaningful on v2.4.0,
  // the version oasis-core pins.
  const dpkg = spawnSync('dpkg-query', ['-W', '-f', '${Version}', CBOR_PACKAGE], { encoding: 'utf8' })
  const cborVersion = dpkg.status === 0 ? dpkg.stdout.trim() : 'unknown (not installed through dpkg)'
  if (dpkg.status === 0 && !/^2\.4\.0(-|$)/.test(cborVersion)) {
    return { available: false, reason: `${CBOR_PACKAGE} is ${cborVersion}; the oracle needs fxamacker/cbor 2.4.0 (oasis-core's pin)` }
  }
  return { available: true, go, goVersion: version.stdout.trim(), gocode, cborVersion }
}

/** A built oracle: its binary, and the directory to remove when done. */
export interface BuiltOracle {
  readonly binary: string
  readonly dispose: () => void
}

/**
 * Build the oracle into a fresh temporary directory: copy test/oracle/*.go and go.mod there
 * (rewriting the replace targets to `gocode`), then `go build` with the network turned off.
 * Throws with go's output when the build fails.
 */
export const buildOracle = (availability: Extract<OracleAvailability, { available: true }>): BuiltOracle => {
  const dir = mkdtempSync(join(tmpdir(), 'rd-oracle-'))
  const src = join(dir, 'src')
  mkdirSync(src)
  for (const f of readdirSync(ORACLE_SOURCES)) if (f.endsWith('.go')) copyFileSync(join(ORACLE_SOURCES, f), join(src, f))
  const goMod = readFileSync(join(ORACLE_SOURCES, 'go.mod'), 'utf8').split(DEBIAN_GOCODE).join(availability.gocode)
  writeFileSync(join(src, 'go.mod'), goMod)
  const binary = join(dir, process.platform === 'win32' ? 'oracle.exe' : 'oracle')
  const build = spawnSync(availability.go, ['build', '-o', binary, '.'], {
    cwd: src,
    encoding: 'utf8',
    env: {
      ...process.env,
      GOPROXY: 'off',
      GOFLAGS: '-mod=readonly',
      GOWORK: 'off',
      GOTOOLCHAIN: 'local',
      GO111MODULE: 'on',
      GOCACHE: process.env['GOCACHE'] ?? join(tmpdir(), 'rd-oracle-gocache')
    }
  })
  if (build.error !== undefined || build.status !== 0) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(`go build of the oracle failed:\n${build.stderr ?? ''}${build.stdout ?? ''}${String(build.error ?? '')}`)
  }
  return { binary, dispose: () => rmSync(dir, { recursive: true, force: true }) }
}

const CHUNK = 4000

/** Run the oracle on hex inputs (one CBOR item each), in order; one answer per input. */
export const runOracle = <A = OracleAnswer>(oracle: BuiltOracle, mode: OracleMode | OracleJsonMode, hexInputs: ReadonlyArray<string>): A[] => {
  const answers: A[] = []
  for (let i = 0; i < hexInputs.length; i += CHUNK) {
    const chunk = hexInputs.slice(i, i + CHUNK)
    const run = spawnSync(oracle.binary, [mode], { input: chunk.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 30 })
    if (run.error !== undefined || run.status !== 0) throw new Error(`oracle failed: ${String(run.error ?? '')} ${run.stderr}`)
    const lines = run.stdout.split('\n').filter((l) => l.length > 0)
    if (lines.length !== chunk.length) throw new Error(`oracle answered ${lines.length} lines for ${chunk.length} inputs`)
    for (const l of lines) answers.push(JSON.parse(l) as A)
  }
  return answers
}
