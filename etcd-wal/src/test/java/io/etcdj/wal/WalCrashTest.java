package io.etcdj.wal;

import static io.etcdj.wal.WalFixtures.METADATA;
import static io.etcdj.wal.WalFixtures.copyDir;
import static io.etcdj.wal.WalFixtures.entries;
import static io.etcdj.wal.WalFixtures.entry;
import static io.etcdj.wal.WalFixtures.hardState;
import static io.etcdj.wal.WalFixtures.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.HardState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery (SPEC PER-026..028): a WAL of several segments whose last segment is cut short or
 * zeroed at every byte offset of its final records recovers exactly the complete records; damage
 * anywhere else is refused with the file and offset.
 */
class WalCrashTest {
  private static final WalConfig SMALL = new WalConfig(8192);
  private static final int FINAL_RECORDS = 4;

  @TempDir Path tmp;
  private Path original;
  private List<Entry> written;
  private Path tailFile;
  private List<WalDecoder.Decoded> tailRecords;
  private List<Long> frameEnds;

  /** Two saves per index (entry + hard state), so the final records mix both types. */
  @BeforeEach
  void writeWal() throws IOException {
    original = tmp.resolve("original");
    written = new ArrayList<>();
    try (Wal wal = Wal.create(original, METADATA, SMALL)) {
      for (long i = 1; i <= 75; i++) {
        Entry e = entry(i, 1);
        wal.save(hardState(1, 1, i - 1), List.of(e));
        written.add(e);
      }
    }
    List<Path> files = segments(original);
    assertThat(files).hasSizeGreaterThanOrEqualTo(3);
    tailFile = files.get(files.size() - 1);
    tailRecords = new ArrayList<>();
    frameEnds = new ArrayList<>();
    SegmentFile f = SegmentFile.openReadOnly(tailFile);
    try {
      WalDecoder d = new WalDecoder(List.of(f));
      for (WalDecoder.Decoded r = d.next(); r != null; r = d.next()) {
        tailRecords.add(r);
        frameEnds.add(d.lastValidOffset());
        if (r.type() == RecordType.CRC) {
          d.resetCrc(r.crc()); // as readAll does: the chain continues from the crc record
        }
      }
    } finally {
      f.close();
    }
    assertThat(tailRecords.size()).isGreaterThan(FINAL_RECORDS + 3); // preamble untouched
  }

  /** PER-028: a tail cut at any byte of the final records loses exactly the cut records. */
  @Test
  void truncatedTailRecoversExactlyTheCompleteRecords() throws IOException {
    forEachOffsetOfTheFinalRecords(
        (dir, cut) -> {
          try (FileChannel ch = FileChannel.open(tail(dir), StandardOpenOption.WRITE)) {
            ch.truncate(cut);
          }
          // A frame counts only once its padding is on disk too (a short read is torn).
          return survivingRecords(cut, true);
        });
  }

  /** PER-027: zeros from any byte of the final records on, the file size unchanged. */
  @Test
  void zeroFilledTailRecoversExactlyTheCompleteRecords() throws IOException {
    forEachOffsetOfTheFinalRecords(
        (dir, cut) -> {
          try (FileChannel ch = FileChannel.open(tail(dir), StandardOpenOption.WRITE)) {
            long size = ch.size();
            ByteBuffer zeros = ByteBuffer.allocate((int) (size - cut));
            while (zeros.hasRemaining()) {
              ch.write(zeros, cut + zeros.position());
            }
          }
          // The padding is zeros anyway, so a record is complete once its bytes are.
          return survivingRecords(cut, false);
        });
  }

  /** PER-028: a flipped bit before the tail is corruption, reported with file and offset. */
  @Test
  void aFlippedBitInAnEarlierSegmentIsRefused() throws IOException {
    Path first = segments(original).get(0);
    WalDecoder.Decoded victim =
        recordsOf(first).stream().filter(r -> r.type() == RecordType.ENTRY).toList().get(2);
    flipBitInRecord(first, victim);
    assertThatThrownBy(() -> Wal.open(original, WalSnapshot.ZERO, SMALL).readAll())
        .isInstanceOfSatisfying(
            WalCorruptException.class,
            e -> {
              assertThat(e.file()).isEqualTo(first);
              assertThat(e.offset()).isEqualTo(victim.offset());
            })
        .hasMessageContaining("crc mismatch");
  }

  /** PER-027: in the last segment too, a flipped bit with good data after it is corruption. */
  @Test
  void aFlippedBitInAnEarlierRecordOfTheLastSegmentIsRefused() throws IOException {
    List<WalDecoder.Decoded> tailEntries =
        tailRecords.stream().filter(r -> r.type() == RecordType.ENTRY).toList();
    WalDecoder.Decoded victim = tailEntries.get(tailEntries.size() - 3);
    flipBitInRecord(tailFile, victim);
    try (Wal wal = Wal.open(original, WalSnapshot.ZERO, SMALL)) {
      assertThatThrownBy(wal::readAll)
          .isInstanceOfSatisfying(
              WalCorruptException.class,
              e -> {
                assertThat(e.file()).isEqualTo(tailFile);
                assertThat(e.offset()).isEqualTo(victim.offset());
              });
    }
    assertThat(Files.exists(tailFile.resolveSibling(tailFile.getFileName() + ".broken"))).isFalse();
  }

  /** PER-028: a segment before the last one cut short is corruption, not a torn tail. */
  @Test
  void aTruncatedEarlierSegmentIsRefused() throws IOException {
    Path first = segments(original).get(0);
    long size = Files.size(first);
    try (FileChannel ch = FileChannel.open(first, StandardOpenOption.WRITE)) {
      ch.truncate(size - 3);
    }
    assertThatThrownBy(() -> Wal.open(original, WalSnapshot.ZERO, SMALL).readAll())
        .isInstanceOf(WalCorruptException.class)
        .hasMessageContaining(first.getFileName().toString());
  }

  private interface Damage {
    /** Damages the copy in {@code dir} at {@code cut}; returns how many tail records survive. */
    int apply(Path dir, long cut) throws IOException;
  }

  private void forEachOffsetOfTheFinalRecords(Damage damage) throws IOException {
    long from = tailRecords.get(tailRecords.size() - FINAL_RECORDS).offset();
    long to = frameEnds.get(frameEnds.size() - 1);
    for (long cut = from; cut <= to; cut++) {
      Path dir = tmp.resolve("cut-" + cut);
      copyDir(original, dir);
      int surviving = damage.apply(dir, cut);
      List<Entry> expected = expectedEntries(surviving);
      HardState expectedState = expectedHardState(surviving);
      boolean append = cut % 5 == 0; // fsyncs are slow: check appending on a sample only
      try (Wal wal = Wal.open(dir, WalSnapshot.ZERO, SMALL)) {
        WalContents c = wal.readAll();
        assertThat(c.entries()).as("cut at %d", cut).isEqualTo(expected);
        assertThat(c.hardState()).as("cut at %d", cut).isEqualTo(expectedState);
        if (append) {
          // The repaired log appends where the last complete record ended.
          long next = expected.get(expected.size() - 1).getIndex() + 1;
          wal.save(hardState(2, 2, next - 1), List.of(entry(next, 2)));
        }
      }
      if (append) {
        try (Wal wal = Wal.open(dir, WalSnapshot.ZERO, SMALL)) {
          WalContents c = wal.readAll();
          List<Entry> all = new ArrayList<>(expected);
          all.add(entry(expected.get(expected.size() - 1).getIndex() + 1, 2));
          assertThat(c.entries()).as("reopen after cut at %d", cut).isEqualTo(all);
        }
      }
      deleteTree(dir);
    }
  }

  private int survivingRecords(long cut, boolean paddingNeeded) {
    int n = 0;
    for (int i = 0; i < tailRecords.size(); i++) {
      WalDecoder.Decoded r = tailRecords.get(i);
      long end = paddingNeeded ? frameEnds.get(i) : recordEnd(r, frameEnds.get(i));
      if (end <= cut) {
        n++;
      }
    }
    return n;
  }

  /** The end of the record bytes: the frame end minus the padding in the length word. */
  private long recordEnd(WalDecoder.Decoded r, long frameEnd) {
    try {
      byte[] word = new byte[8];
      try (FileChannel ch = FileChannel.open(tailFile, StandardOpenOption.READ)) {
        ch.read(ByteBuffer.wrap(word), r.offset());
      }
      int top = word[7] & 0xff;
      return frameEnd - ((top & 0x80) != 0 ? top & 0x7 : 0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private List<Entry> expectedEntries(int survivingTailRecords) throws IOException {
    long last = SegmentName.parse(tailFile.getFileName().toString()).orElseThrow().index() - 1;
    for (int i = 0; i < survivingTailRecords; i++) {
      WalDecoder.Decoded r = tailRecords.get(i);
      if (r.type() == RecordType.ENTRY) {
        last = Entry.parseFrom(r.data()).getIndex();
      }
    }
    return entries(1, last, 1);
  }

  private HardState expectedHardState(int survivingTailRecords) throws IOException {
    HardState st = HardState.getDefaultInstance();
    for (int i = 0; i < survivingTailRecords; i++) {
      WalDecoder.Decoded r = tailRecords.get(i);
      if (r.type() == RecordType.STATE) {
        st = HardState.parseFrom(r.data());
      }
    }
    return st;
  }

  private Path tail(Path dir) {
    return dir.resolve(tailFile.getFileName());
  }

  private static List<WalDecoder.Decoded> recordsOf(Path file) throws IOException {
    List<WalDecoder.Decoded> out = new ArrayList<>();
    SegmentFile f = SegmentFile.openReadOnly(file);
    try {
      WalDecoder d = new WalDecoder(List.of(f));
      for (WalDecoder.Decoded r = d.next(); r != null; r = d.next()) {
        out.add(r);
        if (r.type() == RecordType.CRC) {
          d.resetCrc(r.crc());
        }
      }
    } finally {
      f.close();
    }
    return out;
  }

  /** Flips one bit inside an entry record's data (256 bytes, after the length word). */
  private static void flipBitInRecord(Path file, WalDecoder.Decoded r) throws IOException {
    assertThat(r.type()).isEqualTo(RecordType.ENTRY);
    long at = r.offset() + 8 + 100;
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      ch.read(b, at);
      b.put(0, (byte) (b.get(0) ^ 0x10));
      b.rewind();
      ch.write(b, at);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
