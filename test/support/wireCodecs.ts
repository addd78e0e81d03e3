/**
 * The library's decoder and encoder for each wire type the differential tests name by mode
 * (`runtime`, `sgx`, `node`, `params`): one table for the oracle and leniency tests.
 */
import type * as E from 'fp-ts/lib/Either.js'
import {
  type DecodeError,
  type DecodeOptions,
  decodeConsensusParameters,
  decodeNodeRuntime,
  decodeRuntime,
  decodeSgxConstraints,
  encodeConsensusParameters,
  encodeNodeRuntime,
  encodeRuntime,
  encodeSgxConstraints,
  type EncodeError
} from '../../src/index.js'
import type { OracleMode } from './oracle.js'

export const WIRE_CODECS: Readonly<
  Record<OracleMode, { decode: (b: Uint8Array, o?: DecodeOptions) => E.Either<DecodeError, unknown>; encode: (v: never) => E.Either<EncodeError, Uint8Array> }>
> = {
  runtime: { decode: decodeRuntime, encode: encodeRuntime },
  sgx: { decode: decodeSgxConstraints, encode: encodeSgxConstraints },
  node: { decode: decodeNodeRuntime, encode: encodeNodeRuntime },
  params: { decode: decodeConsensusParameters, encode: encodeConsensusParameters }
}
