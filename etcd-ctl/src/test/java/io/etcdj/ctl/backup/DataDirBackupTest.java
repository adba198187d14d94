package io.etcdj.ctl.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.etcdj.raft.raftpb.ConfState;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.HardState;
import io.etcdj.raft.raftpb.Snapshot;
import io.etcdj.raft.raftpb.SnapshotMetadata;
import io.etcdj.wal.Wal;
import io.etcdj.wal.WalContents;
import io.etcdj.wal.WalSnapshot;
import io.etcdj.wal.snap.Snapshotter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CTL-080: the backup keeps the data entries, drops membership (ConfChange entries and member
 * attribute updates), renumbers, lowers the commit index and gets fresh IDs. The source data dir is
 * written here with the WAL module, as a member would write it.
 */
class DataDirBackupTest {
  private static final long NOW = 1_795_000_000_123L;

  @Test
  void dropsMembershipEntriesRenumbersAndGetsNewIds(@TempDir Path tmp) throws IOException {
    Path src = tmp.resolve("src");
    List<Entry> entries =
        List.of(
            confChange(1, 1),
            normal(2, 2, ByteString.EMPTY),
            normal(3, 2, request("PUT", "/0/members/8e9e05c52164694d/attributes")),
            normal(4, 2, request("PUT", "/1/foo")),
            confChange(5, 2),
            normal(6, 2, request("DELETE", "/1/foo")),
            normal(7, 2, request("PUT", "/0/version")));
    try (Wal w = Wal.create(src.resolve("member/wal"), DataDirBackup.metadata(0xaaaa, 0xbbbb))) {
      w.save(HardState.newBuilder().setTerm(2).setVote(1).setCommit(7).build(), entries);
    }
    List<String> log = new ArrayList<>();

    new DataDirBackup(log::add)
        .backup(
            src.resolve("member/snap"),
            src.resolve("member/wal"),
            tmp.resolve("dst/member/snap"),
            tmp.resolve("dst/member/wal"),
            NOW);

    WalContents out;
    try (Wal w = Wal.openForRead(tmp.resolve("dst/member/wal"), WalSnapshot.ZERO)) {
      out = w.readAll();
    }
    long base = (NOW & ((1L << 40) - 1)) << 8;
    assertThat(DataDirBackup.readMetadata(out.metadata())).containsExactly(base + 1, base + 2);
    assertThat(out.entries()).extracting(Entry::getIndex).containsExactly(1L, 2L, 3L, 4L);
    assertThat(out.entries()).extracting(Entry::getTerm).containsExactly(2L, 2L, 2L, 2L);
    assertThat(out.entries().get(1).getData()).isEqualTo(request("PUT", "/1/foo"));
    assertThat(out.entries().get(3).getData()).isEqualTo(request("PUT", "/0/version"));
    assertThat(out.hardState().getCommit()).isEqualTo(4);
    assertThat(out.hardState().getTerm()).isEqualTo(2);
    assertThat(log)
        .containsExactly(
            "ignoring EntryConfChange raft entry",
            "ignoring member attribute update on /0/members/8e9e05c52164694d/attributes",
            "ignoring EntryConfChange raft entry");
  }

  @Test
  void copiesTheNewestSnapshotAndReadsTheWalAfterIt(@TempDir Path tmp) throws IOException {
    Path src = tmp.resolve("src");
    Snapshot snap =
        Snapshot.newBuilder()
            .setData(ByteString.copyFromUtf8("{\"Root\":{}}"))
            .setMetadata(
                SnapshotMetadata.newBuilder()
                    .setIndex(3)
                    .setTerm(2)
                    .setConfState(ConfState.newBuilder().addVoters(1)))
            .build();
    try (Wal w = Wal.create(src.resolve("member/wal"), DataDirBackup.metadata(1, 2))) {
      w.save(
          HardState.newBuilder().setTerm(2).setCommit(5).build(),
          List.of(
              confChange(1, 1),
              normal(2, 2, ByteString.EMPTY),
              normal(3, 2, request("PUT", "/1/a")),
              normal(4, 2, request("PUT", "/0/members/1/attributes")),
              normal(5, 2, request("PUT", "/1/b"))));
      new Snapshotter(Files.createDirectories(src.resolve("member/snap"))).save(snap);
      w.saveSnapshot(new WalSnapshot(3, 2));
    }

    new DataDirBackup(line -> {})
        .backup(
            src.resolve("member/snap"),
            src.resolve("member/wal"),
            tmp.resolve("dst/member/snap"),
            tmp.resolve("dst/member/wal"),
            NOW);

    try (Stream<Path> files = Files.list(tmp.resolve("dst/member/snap"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly("0000000000000002-0000000000000003.snap");
    }
    assertThat(new Snapshotter(tmp.resolve("dst/member/snap")).load()).contains(snap);
    WalContents out;
    try (Wal w = Wal.openForRead(tmp.resolve("dst/member/wal"), new WalSnapshot(3, 2))) {
      out = w.readAll();
    }
    // Only entries after the snapshot are rewritten: 4 is dropped, 5 becomes 4.
    assertThat(out.entries()).extracting(Entry::getIndex).containsExactly(4L);
    assertThat(out.entries().get(0).getData()).isEqualTo(request("PUT", "/1/b"));
    assertThat(out.hardState().getCommit()).isEqualTo(4);
  }

  private static Entry confChange(long index, long term) {
    return Entry.newBuilder()
        .setType(EntryType.EntryConfChange)
        .setIndex(index)
        .setTerm(term)
        .setData(ByteString.copyFromUtf8("conf"))
        .build();
  }

  private static Entry normal(long index, long term, ByteString data) {
    return Entry.newBuilder()
        .setType(EntryType.EntryNormal)
        .setIndex(index)
        .setTerm(term)
        .setData(data)
        .build();
  }

  /** An {@code etcdserverpb.Request} with ID, Method and Path (PER-067). */
  private static ByteString request(String method, String path) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(buf);
    out.writeUInt64(1, 42);
    out.writeString(2, method);
    out.writeString(3, path);
    out.flush();
    return ByteString.copyFrom(buf.toByteArray());
  }
}
