package io.etcdj.wal.snap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.raft.raftpb.SnapshotMetadata;
import io.etcdj.wal.FilePurger;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshot files: SPEC PER-042..044, PER-049. */
class SnapshotterTest {
  @TempDir Path dir;

  private static Snapshot snapshot(long term, long index, String json) {
    return Snapshot.newBuilder()
        .setData(ByteString.copyFromUtf8(json))
        .setMetadata(
            SnapshotMetadata.newBuilder()
                .setConfState(ConfState.newBuilder().addVoters(1).build())
                .setIndex(index)
                .setTerm(term))
        .build();
  }

  /** PER-042, PER-043: saved under term-index, read back intact, newest first. */
  @Test
  void savesAndLoadsTheNewestSnapshot() throws IOException {
    Snapshotter s = new Snapshotter(dir);
    s.save(snapshot(1, 6, "{\"a\":1}"));
    Path newest = s.save(snapshot(2, 12, "{\"b\":2}"));
    assertThat(newest.getFileName().toString()).isEqualTo("0000000000000002-000000000000000c.snap");
    assertThat(s.load()).contains(snapshot(2, 12, "{\"b\":2}"));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void anEmptySnapshotIsNotWrittenAndAnEmptyDirectoryLoadsNothing() throws IOException {
    Snapshotter s = new Snapshotter(dir);
    s.save(Snapshot.getDefaultInstance());
    assertThat(s.load()).isEmpty();
  }

  /** PER-044: a broken newest file is renamed .broken and the next older one is used. */
  @Test
  void aBrokenSnapshotIsRenamedAndAnOlderOneLoaded() throws IOException {
    Snapshotter s = new Snapshotter(dir);
    s.save(snapshot(1, 6, "{\"a\":1}"));
    Path crcBad = s.save(snapshot(2, 12, "{\"b\":2}"));
    byte[] bytes = Files.readAllBytes(crcBad);
    bytes[bytes.length - 2] ^= 1;
    Files.write(crcBad, bytes);
    Path empty = dir.resolve(Snapshotter.fileName(3, 20));
    Files.write(empty, new byte[0]);
    assertThat(s.load()).contains(snapshot(1, 6, "{\"a\":1}"));
    assertThat(dir.resolve(crcBad.getFileName() + ".broken")).exists();
    assertThat(dir.resolve(empty.getFileName() + ".broken")).exists();
    assertThat(crcBad).doesNotExist();
  }

  /** PER-043: etcd's snapshot file loads, and saving it again reproduces etcd's bytes. */
  @Test
  void readsAndReproducesEtcdsSnapshotFile() throws IOException, URISyntaxException {
    Path etcdFile =
        Path.of(
            getClass()
                .getResource("/etcd-fixture/member/snap/0000000000000002-000000000000000c.snap")
                .toURI());
    Snapshot snap = Snapshotter.read(etcdFile);
    assertThat(snap.getMetadata().getIndex()).isEqualTo(12);
    assertThat(snap.getMetadata().getTerm()).isEqualTo(2);
    assertThat(snap.getMetadata().getConfState().getVotersCount()).isEqualTo(1);
    assertThat(snap.getData().toString(StandardCharsets.UTF_8)).startsWith("{\"Root\":");
    Path ours = new Snapshotter(dir).save(snap);
    assertThat(ours.getFileName()).isEqualTo(etcdFile.getFileName());
    assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(etcdFile));
  }

  /**
   * PER-043: a streamed save writes the same bytes as protobuf's own encoding of the envelope, and
   * SnapshotFile streams the data back after checking the CRC (here with a data field large
   * enough that the lengths need multi-byte varints).
   */
  @Test
  void streamedSaveMatchesTheProtobufEncodingAndStreamsBack() throws IOException {
    String json = "{\"Root\":\"" + "x".repeat(300_000) + "\"}";
    Snapshot snap = snapshot(3, 70_000, json);
    Path saved = new Snapshotter(dir).save(snap);
    byte[] data = snap.toByteArray();
    byte[] expected =
        io.etcdj.wal.walpb.SnapPb.Snapshot.newBuilder()
            .setCrc(io.etcdj.wal.Crc32c.update(0, data))
            .setData(ByteString.copyFrom(data))
            .build()
            .toByteArray();
    assertThat(Files.readAllBytes(saved)).isEqualTo(expected);
    SnapshotFile file = SnapshotFile.open(saved);
    assertThat(file.metadata()).isEqualTo(snap.getMetadata());
    assertThat(file.dataLength()).isEqualTo(json.length());
    try (InputStream in = file.openData()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(json);
    }
    assertThat(Snapshotter.read(saved)).isEqualTo(snap);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  /** PER-044: SnapshotFile refuses a file whose data fails the CRC or is cut short. */
  @Test
  void snapshotFileRefusesBadCrcAndTruncation() throws IOException {
    Path saved = new Snapshotter(dir).save(snapshot(1, 6, "{\"a\":1}"));
    byte[] bytes = Files.readAllBytes(saved);
    byte[] flipped = bytes.clone();
    flipped[flipped.length - 9] ^= 1;
    Files.write(saved, flipped);
    assertThatThrownBy(() -> SnapshotFile.open(saved))
        .isInstanceOf(SnapshotCorruptException.class)
        .hasMessageContaining("crc mismatch");
    Files.write(saved, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    assertThatThrownBy(() -> SnapshotFile.open(saved))
        .isInstanceOf(SnapshotCorruptException.class)
        .hasMessageContaining("undecodable");
  }

  /** PER-049: purge keeps the newest N snapshot files; 0 disables it. */
  @Test
  void purgeKeepsTheNewestFiles() throws IOException {
    Snapshotter s = new Snapshotter(dir);
    for (long i = 1; i <= 5; i++) {
      s.save(snapshot(1, i * 10, "{}"));
    }
    assertThat(FilePurger.purge(dir, "snap", 0)).isEmpty();
    List<Path> deleted = FilePurger.purge(dir, "snap", 2);
    assertThat(deleted).hasSize(3);
    assertThat(s.snapFiles())
        .extracting(p -> p.getFileName().toString())
        .containsExactly(Snapshotter.fileName(1, 50), Snapshotter.fileName(1, 40));
  }
}
