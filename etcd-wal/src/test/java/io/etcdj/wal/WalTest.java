package io.etcdj.wal;

import static io.etcdj.wal.WalFixtures.METADATA;
import static io.etcdj.wal.WalFixtures.entries;
import static io.etcdj.wal.WalFixtures.entry;
import static io.etcdj.wal.WalFixtures.hardState;
import static io.etcdj.wal.WalFixtures.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.HardState;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Create, append, restart: SPEC PER-010..025, PER-030. */
class WalTest {
  private static final WalConfig SMALL = new WalConfig(8192);

  @TempDir Path tmp;

  /** PER-013, PER-015: the first segment starts with crc 0, metadata, snapshot {0,0}. */
  @Test
  void createWritesTheEtcdPreamble() throws IOException {
    Path dir = tmp.resolve("wal");
    Wal.create(dir, METADATA).close();
    Path first = dir.resolve("0000000000000000-0000000000000000.wal");
    assertThat(Files.size(first)).isEqualTo(WalConfig.SEGMENT_SIZE_BYTES);
    byte[] head = new byte[16];
    System.arraycopy(Files.readAllBytes(first), 0, head, 0, 16);
    // crc record {type 4, crc 0}: 4 bytes, so pad 4 and top byte 0x84.
    assertThat(HexFormat.of().formatHex(head)).isEqualTo("0400000000000084" + "0804100000000000");
    assertThat(Files.exists(tmp.resolve("wal.tmp"))).isFalse();
    try (Wal wal = Wal.open(dir, WalSnapshot.ZERO)) {
      WalContents c = wal.readAll();
      assertThat(c.metadata()).isEqualTo(METADATA);
      assertThat(c.hardState()).isEqualTo(HardState.getDefaultInstance());
      assertThat(c.entries()).isEmpty();
    }
  }

  @Test
  void createRefusesAnExistingWal() throws IOException {
    Path dir = tmp.resolve("wal");
    Wal.create(dir, METADATA).close();
    assertThatThrownBy(() -> Wal.create(dir, METADATA))
        .isInstanceOf(FileAlreadyExistsException.class);
  }

  /** PER-022, PER-025: what was saved comes back after a restart, in order. */
  @Test
  void savedEntriesAndHardStateSurviveARestart() throws IOException {
    Path dir = tmp.resolve("wal");
    try (Wal wal = Wal.create(dir, METADATA)) {
      wal.save(hardState(1, 1, 0), entries(1, 3, 1));
      wal.save(hardState(1, 1, 3), List.of());
      wal.save(hardState(2, 2, 3), entries(4, 5, 2));
    }
    try (Wal wal = Wal.open(dir, WalSnapshot.ZERO)) {
      WalContents c = wal.readAll();
      List<Entry> expected = new ArrayList<>(entries(1, 3, 1));
      expected.addAll(entries(4, 5, 2));
      assertThat(c.entries()).isEqualTo(expected);
      assertThat(c.hardState()).isEqualTo(hardState(2, 2, 3));
      wal.save(hardState(2, 2, 5), entries(6, 6, 2));
    }
    try (Wal wal = Wal.open(dir, WalSnapshot.ZERO)) {
      assertThat(wal.readAll().entries()).hasSize(6).last().isEqualTo(entry(6, 2));
    }
  }

  /** PER-025: a later entry with an index already seen drops that index and all after it. */
  @Test
  void laterEntriesReplaceTheTailAtTheirIndex() throws IOException {
    Path dir = tmp.resolve("wal");
    try (Wal wal = Wal.create(dir, METADATA)) {
      wal.save(hardState(1, 1, 1), entries(1, 5, 1));
      wal.save(hardState(2, 2, 1), entries(3, 3, 2));
    }
    try (Wal wal = Wal.open(dir, WalSnapshot.ZERO)) {
      assertThat(wal.readAll().entries()).containsExactly(entry(1, 1), entry(2, 1), entry(3, 2));
    }
  }

  /** PER-023, PER-025: only entries after the snapshot marker are returned. */
  @Test
  void readAllStartsAfterTheSnapshotMarker() throws IOException {
    Path dir = tmp.resolve("wal");
    try (Wal wal = Wal.create(dir, METADATA)) {
      wal.save(hardState(1, 1, 5), entries(1, 5, 1));
      wal.saveSnapshot(new WalSnapshot(3, 1));
      wal.save(hardState(1, 1, 7), entries(6, 7, 1));
    }
    try (Wal wal = Wal.open(dir, new WalSnapshot(3, 1))) {
      assertThat(wal.readAll().entries()).isEqualTo(entries(4, 7, 1));
    }
    try (Wal wal = Wal.open(dir, new WalSnapshot(3, 2))) {
      assertThatThrownBy(wal::readAll).hasMessageContaining("wal: snapshot mismatch");
    }
    try (Wal wal = Wal.open(dir, new WalSnapshot(4, 1))) {
      assertThatThrownBy(wal::readAll).hasMessageContaining("wal: snapshot not found");
    }
  }

  /**
   * PER-010, PER-012, PER-020, PER-021: segments are cut at the size limit, named after the next
   * index; the CRC chain runs across them and each starts with metadata and hard state.
   */
  @Test
  void segmentsAreCutNamedAndChained() throws IOException {
    Path dir = tmp.resolve("wal");
    try (Wal wal = Wal.create(dir, METADATA, SMALL)) {
      for (long i = 1; i <= 100; i++) {
        wal.save(hardState(1, 1, i - 1), List.of(entry(i, 1)));
        if (i == 60) {
          wal.saveSnapshot(new WalSnapshot(60, 1));
        }
      }
    }
    List<Path> files = segments(dir);
    assertThat(files).hasSizeGreaterThan(3);
    long prevIndex = -1;
    for (int seq = 0; seq < files.size(); seq++) {
      SegmentName name = SegmentName.parse(files.get(seq).getFileName().toString()).orElseThrow();
      assertThat(name.seq()).isEqualTo(seq);
      assertThat(name.index()).isGreaterThan(prevIndex);
      prevIndex = name.index();
      if (seq < files.size() - 1) {
        // A cut truncates the finished segment at its last record.
        assertThat(Files.size(files.get(seq))).isBetween(SMALL.segmentSizeBytes(), 10_000L);
      }
    }
    try (Wal wal = Wal.open(dir, WalSnapshot.ZERO, SMALL)) {
      WalContents c = wal.readAll();
      assertThat(c.entries()).isEqualTo(entries(1, 100, 1));
      assertThat(c.hardState()).isEqualTo(hardState(1, 1, 99));
    }
    // Opening at the marker starts in a later segment, mid-chain.
    try (Wal wal = Wal.open(dir, new WalSnapshot(60, 1), SMALL)) {
      WalContents c = wal.readAll();
      assertThat(c.metadata()).isEqualTo(METADATA);
      assertThat(c.entries()).isEqualTo(entries(61, 100, 1));
      wal.save(hardState(2, 2, 100), entries(101, 130, 2));
    }
    try (Wal wal = Wal.open(dir, new WalSnapshot(60, 1), SMALL)) {
      List<Entry> expected = new ArrayList<>(entries(61, 100, 1));
      expected.addAll(entries(101, 130, 2));
      assertThat(wal.readAll().entries()).isEqualTo(expected);
    }
  }

  /** PER-021: the hard state is carried into each new segment's preamble. */
  @Test
  void hardStateSurvivesWhenOnlyTheLastSegmentIsRead() throws IOException {
    Path dir = tmp.resolve("wal");
    try (Wal wal = Wal.create(dir, METADATA, SMALL)) {
      wal.save(hardState(3, 2, 0), List.of());
      for (long i = 1; i <= 40; i++) {
        wal.save(HardState.getDefaultInstance(), List.of(entry(i, 3)));
      }
      wal.saveSnapshot(new WalSnapshot(40, 3));
    }
    assertThat(segments(dir)).hasSizeGreaterThan(1);
    try (Wal wal = Wal.open(dir, new WalSnapshot(40, 3), SMALL)) {
      WalContents c = wal.readAll();
      assertThat(c.hardState()).isEqualTo(hardState(3, 2, 0));
      assertThat(c.entries()).isEmpty();
    }
  }

  /** PER-030: segments in use are locked against a second writer. */
  @Test
  void aSecondWriterCannotOpenALockedWal() throws IOException {
    Path dir = tmp.resolve("wal");
    try (Wal wal = Wal.create(dir, METADATA)) {
      assertThatThrownBy(() -> Wal.open(dir, WalSnapshot.ZERO)).hasMessageContaining("locked");
      try (Wal reader = Wal.openForRead(dir, WalSnapshot.ZERO)) {
        assertThat(reader.readAll().metadata()).isEqualTo(METADATA);
      }
      wal.save(hardState(1, 1, 1), entries(1, 1, 1)); // still ours after the reader closed
    }
    try (Wal wal = Wal.open(dir, WalSnapshot.ZERO)) {
      assertThat(wal.readAll().entries()).hasSize(1);
    }
  }

  /** PER-030, PER-049: purge stops at locked segments until releaseLockTo frees them. */
  @Test
  void purgeDeletesOnlySegmentsReleasedByReleaseLockTo() throws IOException {
    Path dir = tmp.resolve("wal");
    try (Wal wal = Wal.create(dir, METADATA, SMALL)) {
      for (long i = 1; i <= 100; i++) {
        wal.save(hardState(1, 1, i), List.of(entry(i, 1)));
      }
      List<Path> before = segments(dir);
      assertThat(before).hasSizeGreaterThan(3);
      assertThat(FilePurger.purge(dir, "wal", 1)).isEmpty();

      SegmentName third = SegmentName.parse(before.get(2).getFileName().toString()).orElseThrow();
      wal.releaseLockTo(third.index() + 1);
      // The segment that may hold third.index()+1 (the third) stays locked.
      assertThat(FilePurger.purge(dir, "wal", 1)).containsExactly(before.get(0), before.get(1));
      assertThat(segments(dir)).isEqualTo(before.subList(2, before.size()));
      wal.save(hardState(1, 1, 101), List.of(entry(101, 1)));
    }
    SegmentName oldest = SegmentName.parse(segments(dir).get(0).getFileName().toString()).get();
    try (Wal wal = Wal.open(dir, new WalSnapshot(oldest.index(), 1), SMALL)) {
      // No marker at that index was written, so the read is refused after reading it all.
      assertThatThrownBy(wal::readAll).hasMessageContaining("snapshot not found");
    }
  }

  /** PER-011: a gap in the sequence is refused, naming the file after the gap. */
  @Test
  void aMissingSegmentIsRefused() throws IOException {
    Path dir = tmp.resolve("wal");
    try (Wal wal = Wal.create(dir, METADATA, SMALL)) {
      for (long i = 1; i <= 100; i++) {
        wal.save(hardState(1, 1, i), List.of(entry(i, 1)));
      }
    }
    List<Path> files = segments(dir);
    Files.delete(files.get(1));
    assertThatThrownBy(() -> Wal.open(dir, WalSnapshot.ZERO, SMALL))
        .isInstanceOf(WalCorruptException.class)
        .hasMessageContaining(files.get(2).getFileName().toString())
        .hasMessageContaining("not continuous");
  }

  /** PER-021: every segment must carry the same metadata. */
  @Test
  void conflictingMetadataIsRefused() throws IOException {
    Path dir = tmp.resolve("wal");
    try (Wal wal = Wal.create(dir, METADATA, SMALL)) {
      wal.save(hardState(1, 1, 1), entries(1, 2, 1));
    }
    Path first = segments(dir).get(0);
    int chainCrc;
    try (Wal wal = Wal.openForRead(dir, WalSnapshot.ZERO)) {
      wal.readAll();
    }
    SegmentFile f = SegmentFile.openReadOnly(first);
    try {
      WalDecoder d = new WalDecoder(List.of(f));
      while (d.next() != null) {}
      chainCrc = d.crc();
    } finally {
      f.close();
    }
    // A second segment with a correct chain but another member's metadata.
    Path second = dir.resolve(new SegmentName(1, 3).fileName());
    try (var ch =
        java.nio.channels.FileChannel.open(
            second,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE)) {
      WalEncoder enc = new WalEncoder(ch, 0, chainCrc);
      enc.encode(RecordType.CRC, null);
      enc.encode(RecordType.METADATA, new byte[] {8, 1, 16, 2});
      enc.flush();
    }
    try (Wal wal = Wal.open(dir, WalSnapshot.ZERO, SMALL)) {
      assertThatThrownBy(wal::readAll)
          .isInstanceOf(WalCorruptException.class)
          .hasMessageContaining("conflicting metadata")
          .hasMessageContaining(second.getFileName().toString());
    }
  }
}
