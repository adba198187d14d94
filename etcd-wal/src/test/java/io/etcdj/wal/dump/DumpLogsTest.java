package io.etcdj.wal.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The dump tool over the data dir written by etcd 3.4.23 (resource etcd-fixture). */
class DumpLogsTest {
  @Test
  void dumpsSnapshotHardStateAndEntriesOfEtcdsDataDir() throws IOException, URISyntaxException {
    Path dataDir = Path.of(getClass().getResource("/etcd-fixture").toURI());
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    DumpLogs.dump(dataDir, new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("Snapshot:\nterm=2 index=12 nodes=[");
    assertThat(out).containsPattern("WAL metadata:\nnodeID=[0-9a-f]+ clusterID=[0-9a-f]+ term=2");
    assertThat(out).contains("term\t     index\ttype\tdata");
    // Only the entries after the snapshot (index 12) are listed.
    assertThat(out).doesNotContain("\t        12\t");
    assertThat(out)
        .contains("   2\t        13\tnorm\tmethod=PUT path=\"/1/foo\" val=\"x\" prevExist=false\n")
        .contains("   2\t        15\tnorm\tmethod=PUT path=\"/1/k10\" val=\"v10\"\n")
        .containsPattern("   2\t        17\tnorm\tmethod=SYNC time=2026-\\S+Z\n");
  }

  @Test
  void describesRequestsConfChangesAndNoops() throws IOException, URISyntaxException {
    var put =
        io.etcdj.wal.serverpb.Request.newBuilder()
            .setMethod("PUT")
            .setPath("/1/foo")
            .setVal("bar")
            .setPrevExist(false)
            .build();
    var entry =
        io.etcdj.raft.raftpb.Entry.newBuilder()
            .setTerm(2)
            .setIndex(4)
            .setData(put.toByteString())
            .build();
    assertThat(DumpLogs.describe(entry))
        .isEqualTo("norm\tmethod=PUT path=\"/1/foo\" val=\"bar\" prevExist=false");
    assertThat(DumpLogs.describe(entry.toBuilder().clearData().build())).isEqualTo("norm\tnoop");
    var cc =
        io.etcdj.raft.raftpb.ConfChange.newBuilder()
            .setType(io.etcdj.raft.raftpb.ConfChangeType.ConfChangeRemoveNode)
            .setNodeID(0xabc)
            .build();
    var conf =
        entry.toBuilder()
            .setType(io.etcdj.raft.raftpb.EntryType.EntryConfChange)
            .setData(cc.toByteString())
            .build();
    assertThat(DumpLogs.describe(conf)).isEqualTo("conf\tmethod=ConfChangeRemoveNode id=abc");
  }
}
