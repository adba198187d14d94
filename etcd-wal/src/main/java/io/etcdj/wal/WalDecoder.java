package io.etcdj.wal;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads framed records from a run of segments, checking the rolling CRC (format in {@code
 * package-info.java}). A segment ends at EOF or at a zero length word, the start of its
 * preallocated zeros (SPEC PER-026).
 *
 * <p>A damaged frame in the <em>last</em> segment that looks like an interrupted write is the torn
 * tail: {@link #next()} then returns null with {@link #tornTail()} set, and {@link
 * #lastValidOffset()} says where the last complete record ends (PER-027, PER-028). Any other damage
 * throws {@link WalCorruptException} naming the file and the frame's offset.
 *
 * <p>Thread-safety: not thread-safe; used by one thread during {@link Wal#readAll()}.
 */
final class WalDecoder {
  /** etcd 3.4 refuses records of 10 MiB or more (PER-029). */
  static final long MAX_RECORD_BYTES = 10L * 1024 * 1024;

  private static final int SECTOR_BYTES = 512;

  /**
   * A record with where it was found. Its data are {@code dataLength} bytes of {@code frame} from
   * {@code dataOffset}, not copied out; {@code dataOffset} is -1 when the record has no data.
   */
  record Decoded(
      RecordType type,
      int crc,
      byte[] frame,
      int dataOffset,
      int dataLength,
      SegmentFile file,
      long offset) {
    /** A copy of the data, or null when the record has none. */
    byte[] data() {
      return dataOffset < 0 ? null : Arrays.copyOfRange(frame, dataOffset, dataOffset + dataLength);
    }

    /** An entry record's index (raftpb.Entry field 3), read without decoding the entry. */
    long entryIndex() throws IOException {
      if (dataOffset < 0) {
        return 0;
      }
      CodedInputStream in = CodedInputStream.newInstance(frame, dataOffset, dataLength);
      long index = 0;
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (tag == (3 << 3)) {
          index = in.readUInt64(); // the last occurrence wins, as in a full parse
        } else if (!in.skipField(tag)) {
          break;
        }
      }
      return index;
    }

    /** The data as a buffer over the frame (empty when there are none). */
    ByteBuffer dataBuffer() {
      return dataOffset < 0
          ? ByteBuffer.allocate(0)
          : ByteBuffer.wrap(frame, dataOffset, dataLength).slice();
    }
  }

  private final List<SegmentFile> files;
  private final ByteBuffer readBuf = ByteBuffer.allocate(64 * 1024);
  private int current;
  private long fillPos; // file position of the byte after readBuf's content
  private long lastValidOffset; // offset after the last valid record of the current file
  private int crc;
  private CRC32C rolling = new CRC32C(); // holds the register that crc is the value of
  private boolean tornTail;

  WalDecoder(List<SegmentFile> files) {
    this.files = files;
    readBuf.limit(0);
  }

  /** The next valid record, or null at the end of the last segment or at a torn tail. */
  Decoded next() throws IOException {
    while (current < files.size()) {
      long frameStart = lastValidOffset;
      byte[] word = new byte[WalEncoder.FRAME_SIZE_BYTES];
      int n = readFully(word);
      if (n == 0) {
        nextFile();
        continue;
      }
      if (n < word.length) {
        return torn(frameStart, "unexpected EOF in length word");
      }
      long length = littleEndian(word);
      if (length == 0) {
        nextFile();
        continue;
      }
      long recordBytes = length & 0x00FF_FFFF_FFFF_FFFFL;
      int pad = length < 0 ? (int) ((length >>> 56) & 0x7) : 0;
      if (recordBytes >= MAX_RECORD_BYTES - pad) {
        throw corrupt(frameStart, "wal: max entry size limit exceeded (" + recordBytes + ")");
      }
      byte[] frame = new byte[(int) recordBytes + pad];
      if (readFully(frame) < frame.length) {
        return torn(frameStart, "unexpected EOF");
      }
      long recType = 0;
      int recCrc = 0;
      int dataOffset = -1;
      int dataLength = 0;
      try {
        // Decoded by hand rather than by Record.parseFrom: the data stay where they are in the
        // frame instead of being copied twice, once into the message and once out of it.
        CodedInputStream in = CodedInputStream.newInstance(frame, 0, (int) recordBytes);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
          switch (tag) {
            case 8 -> recType = in.readInt64();
            case 16 -> recCrc = in.readUInt32();
            case 26 -> {
              dataLength = in.readRawVarint32();
              dataOffset = in.getTotalBytesRead();
              in.skipRawBytes(dataLength);
            }
            default -> {
              if (!in.skipField(tag)) {
                throw new InvalidProtocolBufferException("unexpected end-group tag");
              }
            }
          }
        }
      } catch (InvalidProtocolBufferException e) {
        if (isTorn(frameStart, frame, (int) recordBytes)) {
          return torn(frameStart, "undecodable record");
        }
        throw corrupt(frameStart, "wal: undecodable record (" + e.getMessage() + ")");
      } catch (IOException e) {
        throw corrupt(frameStart, "wal: undecodable record (" + e.getMessage() + ")");
      }
      if (recType != RecordType.CRC.code()) {
        // One running CRC-32C over the data of every record since the last reset is the rolling
        // checksum (each record's crc continues the previous one, PER-018).
        if (dataOffset >= 0) {
          rolling.update(frame, dataOffset, dataLength);
        }
        int next = (int) rolling.getValue();
        if (recCrc != next) {
          if (isTorn(frameStart, frame, (int) recordBytes)) {
            return torn(frameStart, "crc mismatch");
          }
          throw corrupt(frameStart, "wal: crc mismatch");
        }
        crc = next;
      }
      RecordType type = RecordType.fromCode(recType);
      if (type == null) {
        throw corrupt(frameStart, "wal: unexpected block type " + recType);
      }
      lastValidOffset += WalEncoder.FRAME_SIZE_BYTES + frame.length;
      return new Decoded(
          type, recCrc, frame, dataOffset, dataLength, files.get(current), frameStart);
    }
    return null;
  }

  /** The rolling CRC after the last valid record. */
  int crc() {
    return crc;
  }

  /** Restarts the rolling CRC from a crc record's value (PER-020). */
  void resetCrc(int value) {
    crc = value;
    rolling = Crc32c.resume(value);
  }

  /** True if reading stopped at a torn write in the last segment. */
  boolean tornTail() {
    return tornTail;
  }

  /** The offset just after the last valid record of the segment being read (or last read). */
  long lastValidOffset() {
    return lastValidOffset;
  }

  WalCorruptException corrupt(long offset, String reason) {
    return new WalCorruptException(
        files.get(Math.min(current, files.size() - 1)).path(), offset, reason);
  }

  private Decoded torn(long frameStart, String reason) throws WalCorruptException {
    if (current != files.size() - 1) {
      // Only the last segment can have been cut short by a crash: earlier ones were complete
      // and fsynced before the next one was created.
      throw corrupt(frameStart, "wal: " + reason + " before the last segment");
    }
    tornTail = true;
    current = files.size();
    return null;
  }

  /**
   * Whether a frame that failed to decode is an interrupted write rather than corruption (last
   * segment only). As in etcd, it is torn if any 512-byte-sector piece of the record is all zeros:
   * sectors that never reached the disk read back as the preallocated zeros (PER-027). Only the
   * record bytes are examined, not the padding, so that a zero padding sector cannot hide a flipped
   * bit. Also torn: the record ends in zeros and nothing but zeros follows it in the file, i.e. the
   * write stopped inside this, the final frame.
   */
  private boolean isTorn(long frameStart, byte[] frame, int recordBytes) throws IOException {
    if (current != files.size() - 1) {
      return false;
    }
    long fileOff = frameStart + WalEncoder.FRAME_SIZE_BYTES;
    int off = 0;
    while (off < recordBytes) {
      int chunk = (int) Math.min(SECTOR_BYTES - fileOff % SECTOR_BYTES, recordBytes - off);
      if (allZero(frame, off, off + chunk)) {
        return true;
      }
      off += chunk;
      fileOff += chunk;
    }
    return recordBytes > 0 && allZero(frame, recordBytes - 1, frame.length) && restOfFileIsZero();
  }

  private boolean restOfFileIsZero() throws IOException {
    byte[] chunk = new byte[64 * 1024];
    while (true) {
      int n = readFully(chunk);
      if (!allZero(chunk, 0, n)) {
        return false;
      }
      if (n < chunk.length) {
        return true;
      }
    }
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private int readFully(byte[] dst) throws IOException {
    int n = 0;
    while (n < dst.length) {
      if (!readBuf.hasRemaining()) {
        readBuf.clear();
        int r = files.get(current).channel().read(readBuf, fillPos);
        readBuf.flip();
        if (r <= 0) {
          break;
        }
        fillPos += r;
      }
      int k = Math.min(readBuf.remaining(), dst.length - n);
      readBuf.get(dst, n, k);
      n += k;
    }
    return n;
  }

  private void nextFile() {
    current++;
    if (current == files.size()) {
      return; // keep lastValidOffset: the writer appends to the last segment there
    }
    readBuf.clear().limit(0);
    fillPos = 0;
    lastValidOffset = 0;
  }

  private static long littleEndian(byte[] b) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[i] & 0xff);
    }
    return v;
  }
}
