import { constants as zlib, crc32, deflateRawSync } from "node:zlib";

/**
 * A kept page whose every answer needs a value of its own at a few fixed places (the CSP nonce on its
 * scripts), without compressing the whole page again for each reader.
 *
 * The page is held as the pieces between those places. Each piece is deflated once, ending on a full
 * flush: the compressed piece stands alone (no back-references into the next) and ends on a byte
 * boundary. An answer is then a gzip member assembled from the kept pieces with the reader's value in
 * between as a stored (uncompressed) block, then the final empty block and the gzip trailer (RFC 1951
 * 3.2.4, RFC 1952). The only work per answer is the CRC-32 of the page, which zlib computes at
 * gigabytes a second.
 */
export class SplicedBody {
  /** The pieces between the slots (one piece: no slot at all). */
  readonly pieces: Buffer[];
  private deflated?: Buffer[];

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
    return this.deflated?.reduce((sum, piece) => sum + piece.length, 0) ?? 0;
  }

  /** The body with the value in every slot. */
  with(value: string): Buffer {
    if (!this.hasSlots) return this.pieces[0]!;
    const filler = Buffer.from(value);
    const chunks: Buffer[] = [];
    this.pieces.forEach((piece, i) => {
      if (i > 0) chunks.push(filler);
      chunks.push(piece);
    });
    return Buffer.concat(chunks);
  }

  /** The body with the value in every slot, gzip-encoded. */
  gzipWith(value: string): Buffer {
    this.deflated ??= this.pieces.map((piece) => deflateRawSync(piece, { level: 6, finishFlush: zlib.Z_FULL_FLUSH }));
    const filler = Buffer.from(value);
    if (filler.length > 0xffff) throw new RangeError("a slot's value must fit one stored block");
    const chunks: Buffer[] = [GZIP_HEADER];
    let crc = 0;
    let length = 0;
    this.pieces.forEach((piece, i) => {
      if (i > 0) {
        chunks.push(storedBlock(filler));
        crc = crc32(filler, crc);
        length += filler.length;
      }
      chunks.push(this.deflated![i]!);
      crc = crc32(piece, crc);
      length += piece.length;
    });
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc >>> 0, 0);
    trailer.writeUInt32LE(length % 2 ** 32, 4);
    chunks.push(FINAL_EMPTY_BLOCK, trailer);
    return Buffer.concat(chunks);
  }
}

/** Magic, deflate, no flags, no time, no extra flags, unknown system. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** BFINAL=1, BTYPE=00 (stored), padded to the byte; LEN 0, NLEN 0xffff. */
const FINAL_EMPTY_BLOCK = Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]);

/** A stored block (BFINAL=0), starting on a byte boundary as every full flush leaves the stream. */
function storedBlock(data: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head[0] = 0x00;
  head.writeUInt16LE(data.length, 1);
  head.writeUInt16LE(~data.length & 0xffff, 3);
  return Buffer.concat([head, data]);
}
