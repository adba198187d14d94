package io.etcdj.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Message;
import io.etcdj.raft.raftpb.MessageType;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.raft.raftpb.SnapshotMetadata;
import io.etcdj.wal.snap.SnapshotFile;
import io.etcdj.wal.snap.Snapshotter;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MsgSnap of a large store crosses the pipeline without a heap copy of its data at either end
 * (SPEC PTR-028, RFT-013): the sender's data is the {@code .snap} file's mapped region, as the raft
 * loop builds it; the receiver spools the body to a file and hands raft a message whose data is a
 * view of that file's mapping. The message that arrives equals the one sent, and the snapshot is
 * reported finished.
 */
class SnapshotStreamTest {
  private static final long CLUSTER = 0xc1;

  /** Above the receiver's spooling threshold, so the body goes to a file. */
  private static final int SIZE = 12 * 1024 * 1024 + 3;

  @TempDir Path dir;
  private LoopbackNode a;
  private LoopbackNode b;

  @AfterEach
  void closeAll() {
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  @Test
  void largeSnapshotArrivesAsAViewOfAFileNotAHeapCopy() throws Exception {
    byte[] json = new byte[SIZE];
    new Random(7).nextBytes(json);
    SnapshotMetadata meta =
        SnapshotMetadata.newBuilder()
            .setIndex(5400)
            .setTerm(3)
            .setConfState(ConfState.newBuilder().addVoters(1).addVoters(2))
            .build();
    Path file =
        new Snapshotter(dir)
            .save(
                Snapshot.newBuilder().setData(ByteString.copyFrom(json)).setMetadata(meta).build());
    // As RaftLoop.send attaches the data: the file's region, mapped.
    SnapshotFile f = SnapshotFile.locate(file);
    Message sent =
        Message.newBuilder()
            .setType(MessageType.MsgSnap)
            .setFrom(1)
            .setTo(2)
            .setTerm(3)
            .setSnapshot(
                Snapshot.newBuilder()
                    .setData(UnsafeByteOperations.unsafeWrap(f.mapData()))
                    .setMetadata(f.metadata()))
            .build();
    assertThat(sent.getSnapshot().getData().asReadOnlyByteBuffer().isDirect()).isTrue();

    a = LoopbackNode.start(1, CLUSTER);
    b = LoopbackNode.start(2, CLUSTER);
    a.transport.addPeer(2, List.of(b.url()));
    a.transport.send(List.of(sent));

    Poll.until(() -> !b.raft.received.isEmpty(), "the snapshot at 2");
    Message got = b.raft.received.get(0);
    assertThat(got.getSnapshot().getMetadata()).isEqualTo(meta);
    assertThat(got.getSnapshot().getData().size()).isEqualTo(SIZE);
    // Old receivers parse the body into a heap ByteString: this view is what keeps it off-heap.
    assertThat(got.getSnapshot().getData().asReadOnlyByteBuffer().isDirect())
        .as("the received data is a view of the spooled body")
        .isTrue();
    assertThat(got).isEqualTo(sent);
    assertThat(got.getSnapshot().getData()).isEqualTo(ByteString.copyFrom(json));
    Poll.until(() -> !a.raft.snapshots.isEmpty(), "a snapshot report");
    assertThat(a.raft.snapshots).containsExactly("2:FINISH");
  }
}
