/**
 * Canonical CBOR written straight to bytes (C1): what {@link writeCbor} writes for a model, but
 * without the model. A wire type checks a value and writes its items here as it goes (`emit`),
 * so encoding a descriptor allocates no object per field.
 *
 * Written by hand because cbor-x encodes only a finished model (one object or array per struct,
 * built and then walked again) and has no way to write a head or a pre-encoded key on its own.
 * What is written is small: the heads of RFC 8949 §3.1 in their shortest form (RFC 7049 §3.9),
 * byte and text strings, `false`, `true` and `null`. Anything else (the rare `Map`-typed
 * fields) goes through cbor-x under the settings of `cbor.ts`. A property test checks that every
 * wire type emits exactly the bytes cbor-x writes for its model, refusals included.
 *
 * @since 0.1.0
 */
import { type CborModel, writeCbor } from './cbor.js'
import { Problem } from './problem.js'

const TWO_32 = 4294967296
const utf8 = /* @__PURE__ */ new TextEncoder()

/**
 * A growable byte buffer receiving canonical CBOR items.
 *
 * @example
 * const sink = new CborSink()
 * sink.head(0, 500) // 19 01f4
 * sink.take() // Uint8Array [0x19, 0x01, 0xf4]
 *
 * @category encoding
 * @since 0.1.0
 */
export class CborSink {
  private buf: Uint8Array
  private pos = 0
  constructor(capacity = 1024) {
    this.buf = new Uint8Array(capacity)
  }
  /** The size of the buffer. */
  get capacity(): number {
    return this.buf.length
  }
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n))
    next.set(this.buf.subarray(0, this.pos))
    this.buf = next
  }
  /** One byte. */
  byte(b: number): void {
    this.room(1)
    this.buf[this.pos++] = b
  }
  /** Bytes as they are (an item already encoded). */
  raw(b: Uint8Array): void {
    this.room(b.length)
    // PERF: a loop beats `set` for the short keys and ids that make up most of a descriptor.
    if (b.length <= 64) for (let i = 0; i < b.length; i++) this.buf[this.pos++] = b[i]!
    else {
      this.buf.set(b, this.pos)
      this.pos += b.length
    }
  }
  /**
   * The head of major type `major` with argument `arg`, shortest form. An argument that is no
   * integer in [0, 2^64 − 1] (or, as a number, beyond 2^53 − 1) has no head: a Problem is thrown.
   */
  head(major: number, arg: number | bigint): void {
    const mt = major << 5
    if (typeof arg === 'bigint') {
      if (arg < 0n || arg > 0xffffffffffffffffn) throw new Problem('IntegerOutOfRange', `${arg} is no CBOR argument (0 to 2^64 - 1)`)
      if (arg < 4294967296n) return this.head(major, Number(arg))
      this.room(9)
      this.buf[this.pos++] = mt | 27
      this.u32(Number(arg >> 32n))
      this.u32(Number(arg & 0xffffffffn))
      return
    }
    // `>>> 0` keeps exactly the integers below 2^32; the rest must be safe integers.
    if (arg >>> 0 !== arg && !(arg >= 0 && Number.isSafeInteger(arg))) throw new Problem('IntegerOutOfRange', `${arg} is no exact CBOR argument (0 to 2^53 - 1 as a number)`)
    this.room(9)
    const b = this.buf
    if (arg < 24) b[this.pos++] = mt | arg
    else if (arg < 0x100) {
      b[this.pos++] = mt | 24
      b[this.pos++] = arg
    } else if (arg < 0x10000) {
      b[this.pos++] = mt | 25
      b[this.pos++] = arg >>> 8
      b[this.pos++] = arg & 0xff
    } else if (arg < TWO_32) {
      b[this.pos++] = mt | 26
      this.u32(arg)
    } else {
      b[this.pos++] = mt | 27
      this.u32(Math.floor(arg / TWO_32))
      this.u32(arg % TWO_32)
    }
  }
  private u32(v: number): void {
    const b = this.buf
    b[this.pos++] = v >>> 24
    b[this.pos++] = (v >>> 16) & 0xff
    b[this.pos++] = (v >>> 8) & 0xff
    b[this.pos++] = v & 0xff
  }
  /** An integer: a safe `number`, or a `bigint` in [-2^64, 2^64 − 1] (beyond: a Problem). */
  int(n: number | bigint): void {
    if (typeof n === 'number') {
      if (n >= 0) this.head(0, n)
      else this.head(1, -1 - n)
    } else if (n >= 0n) this.head(0, n)
    else this.head(1, -1n - n)
  }
  /** A byte string. */
  bytes(b: Uint8Array): void {
    this.head(2, b.length)
    this.raw(b)
  }
  /** A text string (valid Unicode: the caller has checked it, C4.10). */
  text(s: string): void {
    let ascii = true
    for (let i = 0; i < s.length && ascii; i++) ascii = s.charCodeAt(i) < 0x80
    if (!ascii) {
      const encoded = utf8.encode(s)
      this.head(3, encoded.length)
      this.raw(encoded)
      return
    }
    this.head(3, s.length)
    this.room(s.length)
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i)
  }
  /** `false` or `true`. */
  bool(v: boolean): void {
    this.byte(v ? 0xf5 : 0xf4)
  }
  /** `null`. */
  nil(): void {
    this.byte(0xf6)
  }
  /** A model, through cbor-x (`writeCbor`). */
  model(m: CborModel): void {
    this.raw(writeCbor(m))
  }
  /** Room for the head of a map whose size is not known yet; {@link closeMap} writes it. */
  openMap(): number {
    this.room(1)
    return this.pos++
  }
  /** The head of the map opened at `at` with `count` entries, written there (the entries move when it takes more than a byte). */
  closeMap(at: number, count: number): void {
    if (count < 24) {
      this.buf[at] = 0xa0 | count
      return
    }
    const extra = count < 0x100 ? 1 : count < 0x10000 ? 2 : 4
    const end = this.pos
    this.room(extra)
    const b = this.buf
    b.copyWithin(at + 1 + extra, at + 1, end)
    b[at] = 0xa0 | (extra === 1 ? 24 : extra === 2 ? 25 : 26)
    for (let i = 0; i < extra; i++) b[at + extra - i] = (count >>> (8 * i)) & 0xff
    this.pos = end + extra
  }
  /** The bytes written, as a view of the buffer: valid only until the next write or reset. */
  view(): Uint8Array {
    return this.buf.subarray(0, this.pos)
  }
  /** A copy of the bytes written, with a buffer of its own. */
  take(): Uint8Array {
    // PERF: `slice` takes several times as long as a new array and `set` on Node 20.
    const out = new Uint8Array(this.pos)
    out.set(this.buf.subarray(0, this.pos))
    return out
  }
  /** Forget what was written. */
  reset(): void {
    this.pos = 0
  }
}
