import { constants as zlib, crc32, deflateRawSync } from "node:zlib";

/**
 * A kept page whose every answer needs a value of its own at a few fixed places (the CSP nonce on its
 * scripts), without compressing the whole page again for each reader.
 *
 * The page is held as the pieces between those places. Each piece is deflated once, ending on a full
 * flush: the compressed piece stands alone (no back-references into the next) and ends on a byte
 * boundary. An answer is then a gzip member assembled from the kept pieces with the reader's value in
 * between as a stored (uncompressed) block, then the final empty block and the gzip trailer (RFC 1951
 * 3.2.4, RFC 1952).
 *
 * An answer is a list of chunks written as they are (no copy of the page per answer), and its CRC-32 is
 * combined from each piece's CRC, computed once, and the value's: the work per answer does not grow
 * with the page (see crc32Combine).
 */
export class SplicedBody {
  /** The pieces between the slots (one piece: no slot at all). */
  readonly pieces: Buffer[];
  private compressed?: { deflated: Buffer[]; crcs: number[]; shifts: number[] };

  constructor(pieces: Buffer[]) {
    this.pieces = pieces;
  }

  /** Splits a body at every occurrence of a value (which must not be empty). */
  static split(body: Buffer, value: string): SplicedBody {
    const pieces: Buffer[] = [];
    const needle = Buffer.from(value);
    let start = 0;
    for (let at = body.indexOf(needle); at !== -1; at = body.indexOf(needle, start)) {
      pieces.push(body.subarray(start, at));
      start = at + needle.length;
    }
    pieces.push(body.subarray(start));
    return new SplicedBody(pieces);
  }

  get hasSlots(): boolean {
    return this.pieces.length > 1;
  }

  /** Uncompressed bytes of the pieces (the kept memory, apart from the compressed copies). */
  get byteLength(): number {
    return this.pieces.reduce((sum, piece) => sum + piece.length, 0);
  }

  get compressedByteLength(): number {
    return this.compressed?.deflated.reduce((sum, piece) => sum + piece.length, 0) ?? 0;
  }

  /** The body with the value in every slot, as chunks to write one after the other. */
  chunksWith(value: string): Buffer[] {
    if (!this.hasSlots) return [this.pieces[0]!];
    const filler = Buffer.from(value);
    const chunks: Buffer[] = [];
    this.pieces.forEach((piece, i) => {
      if (i > 0) chunks.push(filler);
      chunks.push(piece);
    });
    return chunks;
  }

  /** The body with the value in every slot, gzip-encoded, as chunks to write one after the other. */
  gzipChunksWith(value: string): Buffer[] {
    const { deflated, crcs, shifts } = (this.compressed ??= this.compress());
    const filler = Buffer.from(value);
    if (filler.length > 0xffff) throw new RangeError("a slot's value must fit one stored block");
    const stored = storedBlock(filler);
    const chunks: Buffer[] = [GZIP_HEADER];
    let crc = 0;
    let length = 0;
    this.pieces.forEach((piece, i) => {
      if (i > 0) {
        chunks.push(stored);
        crc = crc32(filler, crc);
        length += filler.length;
      }
      chunks.push(deflated[i]!);
      crc = combineShifted(crc, crcs[i]!, shifts[i]!);
      length += piece.length;
    });
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc >>> 0, 0);
    trailer.writeUInt32LE(length % 2 ** 32, 4);
    chunks.push(FINAL_EMPTY_BLOCK, trailer);
    return chunks;
  }

  private compress() {
    return {
      deflated: this.pieces.map((piece) => deflateRawSync(piece, { level: 6, finishFlush: zlib.Z_FULL_FLUSH })),
      crcs: this.pieces.map((piece) => crc32(piece)),
      shifts: this.pieces.map((piece) => crc32Shift(piece.length)),
    };
  }
}

/** Magic, deflate, no flags, no time, no extra flags, unknown system. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** BFINAL=1, BTYPE=00 (stored), padded to the byte; LEN 0, NLEN 0xffff. */
const FINAL_EMPTY_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);

/** A stored block (BFINAL=0), starting on a byte boundary as every full flush leaves the stream. */
function storedBlock(data: Buffer): Buffer {
  const block = Buffer.alloc(5 + data.length);
  block[0] = 0x00;
  block.writeUInt16LE(data.length, 1);
  block.writeUInt16LE(~data.length & 0xffff, 3);
  data.copy(block, 5);
  return block;
}

// --- CRC-32 of a concatenation from the CRCs of its parts -------------------------------------------
//
// zlib has crc32_combine, but Node exposes only crc32 itself. This is the same arithmetic (zlib 1.2.12's
// crc32.c): CRC-32 is a remainder of polynomial division over GF(2), so appending n bytes to a message
// multiplies its CRC by x^(8n) modulo the CRC polynomial, and the CRC of the whole is that product
// XOR the CRC of the appended part. Tested against crc32 of the whole (tests/unit/spliced-body.test.ts).

/** The CRC-32 polynomial, bit-reflected. */
const POLYNOMIAL = 0xedb88320;

/** a(x) times b(x) modulo the polynomial, both bit-reflected (x^0 in the top bit). */
function multiplyModulo(a: number, b: number): number {
  let m = 0x80000000;
  let product = 0;
  for (;;) {
    if ((a & m) !== 0) {
      product ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLYNOMIAL : b >>> 1;
  }
  return product >>> 0;
}

/** x^(2^k) modulo the polynomial, for k = 0..31. */
const POWERS: number[] = (() => {
  const powers: number[] = [];
  let p = 0x40000000; // x^1
  for (let k = 0; k < 32; k++) {
    powers.push(p);
    p = multiplyModulo(p, p);
  }
  return powers;
})();

/** x^(8 * bytes) modulo the polynomial: what appending that many bytes multiplies a CRC by. */
export function crc32Shift(bytes: number): number {
  let p = 0x80000000; // x^0
  let k = 3;
  for (let n = bytes; n > 0; n = Math.floor(n / 2), k++) {
    if (n % 2 === 1) p = multiplyModulo(POWERS[k % 32]!, p);
  }
  return p;
}

/** The CRC-32 of A followed by B, from A's CRC, B's CRC and crc32Shift(B's length). */
function combineShifted(crcA: number, crcB: number, shiftB: number): number {
  return (multiplyModulo(shiftB, crcA) ^ crcB) >>> 0;
}

/** The CRC-32 of A followed by B (zlib's crc32_combine). */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return combineShifted(crcA, crcB, crc32Shift(lengthB));
}
