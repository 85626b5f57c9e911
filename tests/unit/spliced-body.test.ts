import { randomBytes } from "node:crypto";
import { crc32, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32Combine, SplicedBody } from "../../server/spliced-body";

describe("a kept page with a value of its own per answer", () => {
  it("combines CRC-32s exactly as the CRC of the whole, for parts of every size", () => {
    for (const [a, b] of [
      [0, 0],
      [0, 5],
      [7, 0],
      [1, 1],
      [100, 3],
      [65_536, 65_537],
      [345_331, 22],
      [3, 1_000_003],
    ] as const) {
      const first = randomBytes(a);
      const second = randomBytes(b);
      expect(crc32Combine(crc32(first), crc32(second), b), `${a}+${b}`).toBe(crc32(Buffer.concat([first, second])));
    }
  });

  it("answers gzip that unpacks to the page with the value in every slot, and plain chunks that join to it", () => {
    const page = Buffer.from(
      `<!DOCTYPE html><p>${"Harbour wall ".repeat(5000)}</p><script nonce="SLOT">a()</script>` +
        `<p>${randomBytes(40_000).toString("base64")}</p><script nonce="SLOT">b()</script>SLOT`,
    );
    const body = SplicedBody.split(page, "SLOT");
    expect(body.pieces).toHaveLength(4);
    for (const nonce of ["n0nce-one-aaaaaaaaaaaaaa", "x", ""]) {
      const expected = page.toString().replaceAll("SLOT", nonce);
      expect(gunzipSync(Buffer.concat(body.gzipChunksWith(nonce))).toString()).toBe(expected);
      expect(Buffer.concat(body.chunksWith(nonce)).toString()).toBe(expected);
    }
    // A page without a slot is one piece, sent as it is.
    const plain = new SplicedBody([Buffer.from("no slot here")]);
    expect(gunzipSync(Buffer.concat(plain.gzipChunksWith("ignored"))).toString()).toBe("no slot here");
    expect(plain.chunksWith("ignored")).toEqual([Buffer.from("no slot here")]);
  });
});
