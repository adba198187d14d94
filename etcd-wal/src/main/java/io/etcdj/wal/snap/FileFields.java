package io.etcdj.wal.snap;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The top-level fields of one protobuf message stored in a file region, read without loading the
 * region: a length-delimited field yields where its payload lies, not the payload, so the multi-
 * hundred-megabyte data field of a {@code .snap} file is skipped over instead of copied.
 *
 * <p>Thread-safety: not thread-safe; one reader per instance. The channel is read with positional
 * reads only, so its own position is left alone.
 */
final class FileFields {
  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  /**
   * One field: its number and wire type; {@code value} for a varint or fixed field, {@code
   * offset} (in the file) and {@code length} of the payload for a length-delimited one.
   */
  record Field(int number, int wireType, long value, long offset, long length) {}

  private final FileChannel channel;
  private final long end;
  private final ByteBuffer one = ByteBuffer.allocate(8);
  private long pos;

  FileFields(FileChannel channel, long offset, long length) {
    this.channel = channel;
    this.pos = offset;
    this.end = offset + length;
  }

  /** The next field, or null at the end of the region. */
  Field next() throws IOException {
    if (pos >= end) {
      return null;
    }
    long tag = varint();
    int number = (int) (tag >>> 3);
    int wireType = (int) (tag & 7);
    if (number <= 0) {
      throw new IOException("invalid field number " + number);
    }
    return switch (wireType) {
      case VARINT -> new Field(number, wireType, varint(), 0, 0);
      case FIXED64 -> new Field(number, wireType, fixed(8), 0, 0);
      case FIXED32 -> new Field(number, wireType, fixed(4), 0, 0);
      case LENGTH_DELIMITED -> {
        long length = varint();
        if (length < 0 || length > end - pos) {
          throw new EOFException("field " + number + " runs past the end of its message");
        }
        Field f = new Field(number, wireType, 0, pos, length);
        pos += length;
        yield f;
      }
      default -> throw new IOException("unsupported wire type " + wireType);
    };
  }

  /** The payload of a length-delimited field, read into memory (for small fields only). */
  byte[] bytes(Field f) throws IOException {
    if (f.length() > Integer.MAX_VALUE - 8) {
      throw new IOException("field " + f.number() + " is too large to read at once");
    }
    byte[] out = new byte[(int) f.length()];
    ByteBuffer b = ByteBuffer.wrap(out);
    while (b.hasRemaining()) {
      if (channel.read(b, f.offset() + b.position()) < 0) {
        throw new EOFException("unexpected end of file");
      }
    }
    return out;
  }

  private long varint() throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      v |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IOException("malformed varint");
  }

  private long fixed(int size) throws IOException {
    long v = 0;
    for (int i = 0; i < size; i++) {
      v |= (long) readByte() << (8 * i);
    }
    return v;
  }

  private int readByte() throws IOException {
    if (pos >= end) {
      throw new EOFException("message truncated");
    }
    one.clear().limit(1);
    if (channel.read(one, pos) <= 0) {
      throw new EOFException("unexpected end of file");
    }
    pos++;
    return one.get(0) & 0xff;
  }
}
