package io.etcdj.wal.snap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.raft.raftpb.SnapshotMetadata;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code .snap} file's data sent to a follower without a heap copy (SPEC PTR-028, PER-042):
 * {@link SnapshotFile#locate} finds it without the CRC pass, {@link SnapshotFile#mapData} maps it,
 * and a snapshot whose data is such a mapping is saved byte for byte as one held in an array.
 */
class SnapshotFileMappingTest {
  @TempDir Path dir;

  private static final SnapshotMetadata META =
      SnapshotMetadata.newBuilder()
          .setIndex(7000)
          .setTerm(4)
          .setConfState(ConfState.newBuilder().addVoters(1).addVoters(2).addVoters(3))
          .build();

  private static byte[] data(int size) {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return b;
  }

  @Test
  void locateFindsWhatOpenFindsAndMapDataIsTheData() throws Exception {
    byte[] json = data(3 * 1024 * 1024 + 17);
    Path file =
        new Snapshotter(dir)
            .save(
                Snapshot.newBuilder().setData(ByteString.copyFrom(json)).setMetadata(META).build());

    SnapshotFile located = SnapshotFile.locate(file);
    SnapshotFile opened = SnapshotFile.open(file);
    assertThat(located.metadata()).isEqualTo(META).isEqualTo(opened.metadata());
    assertThat(located.dataLength()).isEqualTo(json.length);
    ByteBuffer mapped = located.mapData();
    assertThat(mapped.isDirect()).as("a mapping, off the heap").isTrue();
    assertThat(UnsafeByteOperations.unsafeWrap(mapped)).isEqualTo(ByteString.copyFrom(json));
  }

  /** PER-044 stays with open(); locate() trusts a file this member wrote or loaded. */
  @Test
  void locateSkipsTheCrcThatOpenChecks() throws Exception {
    Path file =
        new Snapshotter(dir)
            .save(
                Snapshot.newBuilder()
                    .setData(ByteString.copyFrom(data(4096)))
                    .setMetadata(META)
                    .build());
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(new byte[] {0x55}), 100); // inside the data
    }
    assertThatThrownBy(() -> SnapshotFile.open(file)).isInstanceOf(SnapshotCorruptException.class);
    assertThat(SnapshotFile.locate(file).metadata()).isEqualTo(META);
  }

  /** What a follower keeps from a snapshot received into a mapping is today's file exactly. */
  @Test
  void snapshotOverAMappingSavesTheSameBytes() throws Exception {
    byte[] json = data(2 * 1024 * 1024);
    Path heapDir = Files.createDirectory(dir.resolve("heap"));
    Path mapDir = Files.createDirectory(dir.resolve("mapped"));
    Path fromHeap =
        new Snapshotter(heapDir)
            .save(
                Snapshot.newBuilder().setData(ByteString.copyFrom(json)).setMetadata(META).build());
    ByteBuffer mapped = SnapshotFile.locate(fromHeap).mapData();
    Path fromMapping =
        new Snapshotter(mapDir)
            .save(
                Snapshot.newBuilder()
                    .setData(UnsafeByteOperations.unsafeWrap(mapped))
                    .setMetadata(META)
                    .build());
    assertThat(Files.readAllBytes(fromMapping)).isEqualTo(Files.readAllBytes(fromHeap));
  }
}
