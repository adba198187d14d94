package io.etcdj.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.raft.raftpb.ConfChange;
import io.etcdj.raft.raftpb.ConfChangeType;
import io.etcdj.raft.raftpb.Entry;
import io.etcdj.raft.raftpb.EntryType;
import io.etcdj.raft.raftpb.HardState;
import io.etcdj.wal.serverpb.Metadata;
import io.etcdj.wal.serverpb.Request;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Byte compatibility with a WAL written by the reference etcd 3.4.23 ({@code etcd --enable-v2
 * --snapshot-count 5}, a dozen v2 writes; resource {@code etcd-fixture}, the 64 MB segment cut
 * after its last record). SPEC PER-013..021, PER-031, PER-067, PER-069.
 */
class EtcdCompatTest {
  private static final String WAL_NAME = "0000000000000000-0000000000000000.wal";

  @TempDir Path tmp;
  private Path walDir;

  @BeforeEach
  void copyFixture() throws IOException {
    WalFixtures.copyResource("/etcd-fixture", tmp);
    walDir = tmp.resolve("member/wal");
  }

  /** PER-017, PER-025, PER-031, PER-067: etcd's records decode into what etcd stored. */
  @Test
  void readsTheWalEtcdWrote() throws IOException {
    try (Wal wal = Wal.open(walDir, WalSnapshot.ZERO)) {
      WalContents c = wal.readAll();
      Metadata meta = Metadata.parseFrom(c.metadata());
      assertThat(meta.getNodeID()).isNotZero();
      assertThat(meta.getClusterID()).isNotZero();

      Entry first = c.entries().get(0);
      assertThat(first.getIndex()).isEqualTo(1);
      assertThat(first.getType()).isEqualTo(EntryType.EntryConfChange);
      ConfChange cc = ConfChange.parseFrom(first.getData());
      assertThat(cc.getType()).isEqualTo(ConfChangeType.ConfChangeAddNode);
      assertThat(cc.getNodeID()).isEqualTo(meta.getNodeID());

      List<Request> puts = new ArrayList<>();
      for (Entry e : c.entries()) {
        if (e.getType() == EntryType.EntryNormal && !e.getData().isEmpty()) {
          Request r = Request.parseFrom(e.getData());
          if (r.getMethod().equals("PUT") && r.getPath().equals("/1/foo")) {
            puts.add(r);
          }
        }
      }
      assertThat(puts).extracting(Request::getVal).contains("bar", "baz");
      assertThat(puts.get(0).hasPrevExist()).isFalse(); // nullable: absent, not false
      assertThat(c.hardState().getTerm()).isEqualTo(2);
      assertThat(c.hardState().getCommit()).isGreaterThanOrEqualTo(12);
      assertThat(c.entries().get(c.entries().size() - 1).getIndex())
          .isEqualTo(c.hardState().getCommit());
    }
  }

  /** PER-023, PER-025: etcd wrote a marker for its snapshot at index 12 (term 2). */
  @Test
  void opensEtcdsWalAtItsSnapshotMarker() throws IOException {
    try (Wal wal = Wal.open(walDir, new WalSnapshot(12, 2))) {
      WalContents c = wal.readAll();
      assertThat(c.entries()).allSatisfy(e -> assertThat(e.getIndex()).isGreaterThan(12));
    }
  }

  /**
   * PER-015, PER-018, PER-069: re-encoding etcd's records with our encoder, each payload
   * re-marshalled by us, reproduces etcd's file byte for byte.
   */
  @Test
  void reencodingEtcdsRecordsReproducesItsBytes() throws IOException {
    Path source = walDir.resolve(WAL_NAME);
    byte[] etcdBytes = Files.readAllBytes(source);
    Path copy = tmp.resolve("ours.wal");
    SegmentFile in = SegmentFile.openReadOnly(source);
    try (FileChannel out =
        FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      WalDecoder d = new WalDecoder(List.of(in));
      WalEncoder enc = new WalEncoder(out, 0, 0);
      for (WalDecoder.Decoded r = d.next(); r != null; r = d.next()) {
        enc.encode(r.type(), remarshal(r));
        if (r.type() == RecordType.CRC) {
          d.resetCrc(r.crc());
        }
        assertThat(enc.crc()).isEqualTo(r.crc());
      }
      assertThat(d.tornTail()).isFalse();
      enc.flush();
    } finally {
      in.close();
    }
    assertThat(Files.readAllBytes(copy)).isEqualTo(etcdBytes);
  }

  /** The other direction: a WAL we write is what etcd would write for the same records. */
  @Test
  void aWalWeWriteMatchesEtcdsFile() throws IOException {
    WalContents etcd;
    try (Wal wal = Wal.openForRead(walDir, WalSnapshot.ZERO)) {
      etcd = wal.readAll();
    }
    Path ours = tmp.resolve("ours");
    try (Wal wal = Wal.create(ours, etcd.metadata())) {
      wal.save(HardState.getDefaultInstance(), etcd.entries());
      wal.save(etcd.hardState(), List.of());
    }
    try (Wal wal = Wal.open(ours, WalSnapshot.ZERO)) {
      WalContents back = wal.readAll();
      assertThat(back.entries()).isEqualTo(etcd.entries());
      assertThat(back.hardState()).isEqualTo(etcd.hardState());
      assertThat(back.metadata()).isEqualTo(etcd.metadata());
    }
    // The preamble (crc 0, metadata, snapshot {0,0}) is byte-identical to etcd's.
    int preambleEnd = endOfFirstRecords(walDir.resolve(WAL_NAME), 3);
    assertThat(Arrays.copyOf(Files.readAllBytes(ours.resolve(WAL_NAME)), preambleEnd))
        .isEqualTo(Arrays.copyOf(Files.readAllBytes(walDir.resolve(WAL_NAME)), preambleEnd));
  }

  /**
   * Both directions in one file (resource {@code etcd-appended}): a WAL written by this module
   * (etcd's entries 1..17 plus a PUT /1/ours encoded here), then opened by etcd 3.4.23, which
   * replayed it, applied our PUT and appended its own records (a new term, PUT /1/after). The CRC
   * chain and the entries read back whole.
   */
  @Test
  void readsAWalWeWroteAndEtcdAppendedTo() throws IOException {
    WalFixtures.copyResource("/etcd-appended", tmp.resolve("appended"));
    try (Wal wal = Wal.open(tmp.resolve("appended/member/wal"), new WalSnapshot(12, 2))) {
      WalContents c = wal.readAll();
      List<String> paths = new ArrayList<>();
      for (Entry e : c.entries()) {
        if (e.getType() == EntryType.EntryNormal && !e.getData().isEmpty()) {
          paths.add(Request.parseFrom(e.getData()).getPath());
        }
      }
      assertThat(paths).contains("/1/ours", "/1/after");
      assertThat(c.entries())
          .extracting(Entry::getIndex)
          .containsExactly(13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L, 21L, 22L);
      assertThat(c.hardState().getTerm()).isEqualTo(3);
    }
  }

  private static int endOfFirstRecords(Path file, int count) throws IOException {
    SegmentFile f = SegmentFile.openReadOnly(file);
    try {
      WalDecoder d = new WalDecoder(List.of(f));
      for (int i = 0; i < count; i++) {
        assertThat(d.next()).isNotNull();
      }
      return (int) d.lastValidOffset();
    } finally {
      f.close();
    }
  }

  private static byte[] remarshal(WalDecoder.Decoded r) throws IOException {
    if (r.data() == null) {
      return null;
    }
    return switch (r.type()) {
      case ENTRY -> WalRecords.entry(Entry.parseFrom(r.data()));
      case STATE -> WalRecords.hardState(HardState.parseFrom(r.data()));
      case SNAPSHOT -> {
        io.etcdj.wal.walpb.Snapshot s = io.etcdj.wal.walpb.Snapshot.parseFrom(r.data());
        yield WalRecords.snapshot(new WalSnapshot(s.getIndex(), s.getTerm()));
      }
      case METADATA -> {
        Metadata m = Metadata.parseFrom(r.data());
        yield Metadata.newBuilder()
            .setNodeID(m.getNodeID())
            .setClusterID(m.getClusterID())
            .build()
            .toByteArray();
      }
      case CRC -> r.data();
    };
  }
}
