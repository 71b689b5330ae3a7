/**
 * One growing UTF-8 buffer: a batch's rows are written into it as they are made, so their text dies young
 * instead of living (and being promoted by the GC) until a final join.
 */
export class ByteBuffer {
  /** The bytes so far are `buffer[0, length)`; a writer that reserved room may write after `length`. */
  buffer = Buffer.allocUnsafe(1 << 16);
  length = 0;

  /** Appends `text` as UTF-8 (lone surrogates become U+FFFD, as `Buffer.write` does). */
  push(text: string): void {
    this.reserve(text.length * 3); // UTF-8 needs at most 3 bytes per UTF-16 code unit
    this.length += this.buffer.write(text, this.length);
  }

  /** Appends `from[start, end)`. */
  pushBytes(from: Buffer, start: number, end: number): void {
    this.reserve(end - start);
    this.length += from.copy(this.buffer, this.length, start, end);
  }

  /** The bytes written so far (a view: valid until the next write). */
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  /** Makes room for `room` more bytes after `length` (`buffer` may be replaced). */
  reserve(room: number): void {
    if (this.length + room <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + room));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
