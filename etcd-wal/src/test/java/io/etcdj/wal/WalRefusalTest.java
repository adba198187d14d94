package io.etcdj.wal;

import static io.etcdj.wal.WalFixtures.METADATA;
import static io.etcdj.wal.WalFixtures.entries;
import static io.etcdj.wal.WalFixtures.hardState;
import static io.etcdj.wal.WalFixtures.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.etcdj.wal.walpb.Record;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Well-formed frames that must still be refused, and what read-only opening tolerates (SPEC
 * PER-017, PER-022, PER-028, PER-029).
 */
class WalRefusalTest {
  @TempDir Path tmp;
  private Path dir;
  private Path segment;
  private long end;
  private int chainCrc;

  @BeforeEach
  void writeWal() throws IOException {
    dir = tmp.resolve("wal");
    try (Wal wal = Wal.create(dir, METADATA)) {
      wal.save(hardState(1, 1, 3), entries(1, 3, 1));
    }
    segment = segments(dir).get(0);
    SegmentFile f = SegmentFile.openReadOnly(segment);
    try {
      WalDecoder d = new WalDecoder(List.of(f));
      while (d.next() != null) {}
      end = d.lastValidOffset();
      chainCrc = d.crc();
    } finally {
      f.close();
    }
  }

  /** PER-028: a complete record of an unknown type is an error, not a torn write. */
  @Test
  void anUnknownRecordTypeIsRefused() throws IOException {
    byte[] data = {1, 2, 3};
    byte[] rec =
        Record.newBuilder()
            .setType(9)
            .setCrc(Crc32c.update(chainCrc, data))
            .setData(ByteString.copyFrom(data))
            .build()
            .toByteArray();
    int pad = WalEncoder.padding(rec.length);
    ByteBuffer frame = ByteBuffer.allocate(8 + rec.length + pad).order(ByteOrder.LITTLE_ENDIAN);
    frame.putLong(WalEncoder.lengthWord(rec.length, pad)).put(rec).flip();
    writeAt(end, frame);
    try (Wal wal = Wal.open(dir, WalSnapshot.ZERO)) {
      assertThatThrownBy(wal::readAll)
          .isInstanceOfSatisfying(
              WalCorruptException.class, e -> assertThat(e.offset()).isEqualTo(end))
          .hasMessageContaining("unexpected block type 9");
    }
  }

  /** PER-029: a length word of 10 MiB or more is refused (etcd 3.4). */
  @Test
  void anOversizedRecordIsRefused() throws IOException {
    ByteBuffer word = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    word.putLong(WalDecoder.MAX_RECORD_BYTES).flip();
    writeAt(end, word);
    try (Wal wal = Wal.open(dir, WalSnapshot.ZERO)) {
      assertThatThrownBy(wal::readAll).hasMessageContaining("max entry size limit exceeded");
    }
  }

  /** A torn tail is tolerated by read-only opening, which leaves the file as it was. */
  @Test
  void openForReadToleratesATornTailWithoutRepairingIt() throws IOException {
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      ch.truncate(end - 5);
    }
    byte[] before = Files.readAllBytes(segment);
    try (Wal wal = Wal.openForRead(dir, WalSnapshot.ZERO)) {
      // The last frame is the hard state, now cut: the entries are all complete.
      WalContents c = wal.readAll();
      assertThat(c.entries()).isEqualTo(entries(1, 3, 1));
    }
    assertThat(Files.readAllBytes(segment)).isEqualTo(before);
    assertThat(segment.resolveSibling(segment.getFileName() + ".broken")).doesNotExist();
    try (Wal wal = Wal.open(dir, WalSnapshot.ZERO)) {
      wal.readAll();
    }
    // The repair keeps the damaged file for post-mortems.
    assertThat(segment.resolveSibling(segment.getFileName() + ".broken")).hasBinaryContent(before);
  }

  /** PER-022: a commit-only save is not synced at once, but it is written by close. */
  @Test
  void aCommitOnlySaveIsWrittenByClose() throws IOException {
    try (Wal wal = Wal.open(dir, WalSnapshot.ZERO)) {
      wal.readAll();
      wal.save(hardState(1, 1, 7), List.of());
    }
    try (Wal wal = Wal.open(dir, WalSnapshot.ZERO)) {
      assertThat(wal.readAll().hardState()).isEqualTo(hardState(1, 1, 7));
    }
  }

  private void writeAt(long offset, ByteBuffer b) throws IOException {
    try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      while (b.hasRemaining()) {
        ch.write(b, offset + b.position());
      }
    }
  }
}
