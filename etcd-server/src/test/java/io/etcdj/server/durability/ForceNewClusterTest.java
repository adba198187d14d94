package io.etcdj.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.LoopbackMember;
import io.etcdj.wal.Wal;
import io.etcdj.wal.WalContents;
import io.etcdj.wal.WalSnapshot;
import io.etcdj.wal.serverpb.Metadata;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC CLU-040: {@code --force-new-cluster} brings back a data dir whose WAL names another member
 * (as {@code etcdctl backup} writes it: new member and cluster IDs): the old member is removed,
 * this one added, the log committed, and the member leads alone with the old keys; a later
 * restart without the flag finds the same state.
 */
class ForceNewClusterTest {
  @TempDir Path tmp;

  private EmbeddedEtcd start(Path dataDir, String... extra) {
    return LoopbackMember.start("fnc", dataDir, extra);
  }

  @Test
  void backupWithNewIdsRestartsAsOneMemberCluster() throws Exception {
    Path original = tmp.resolve("original.etcd");
    String oldId;
    try (EmbeddedEtcd etcd = start(original)) {
      new V2Client(etcd.clientUrl()).put("/a", V2Client.form("value", "1"));
      oldId = etcd.server().idHex();
    }
    Path backup = tmp.resolve("backup.etcd");
    Files.createDirectories(backup.resolve("member/snap"));
    Files.createDirectories(backup.resolve("member"));
    Wal read = Wal.openForRead(original.resolve("member/wal"), WalSnapshot.ZERO);
    WalContents c = read.readAll();
    read.close();
    byte[] meta = Metadata.newBuilder().setNodeID(0x1234).setClusterID(0x5678).build().toByteArray();
    try (Wal copy = Wal.create(backup.resolve("member/wal"), meta)) {
      copy.save(c.hardState(), c.entries());
    }

    try (EmbeddedEtcd etcd = start(backup, "--force-new-cluster")) {
      V2Client client = new V2Client(etcd.clientUrl());
      assertThat(etcd.server().idHex()).isEqualTo("1234").isNotEqualTo(oldId);
      assertThat(etcd.server().clusterIdHex()).isEqualTo("5678");
      assertThat(client.get("/a").body().path("node").path("value").asText()).isEqualTo("1");
      assertThat(client.put("/b", V2Client.form("value", "2")).status()).isEqualTo(201);
      // FLG-045: the member the backup's IDs name was not in the cluster; it is added with 2.3's
      // default peer URLs.
      assertThat(etcd.server().members())
          .singleElement()
          .satisfies(m -> assertThat(m.peerUrls())
              .containsExactlyInAnyOrder("http://localhost:2380", "http://localhost:7001"));
    }
    try (EmbeddedEtcd etcd = start(backup)) {
      V2Client client = new V2Client(etcd.clientUrl());
      assertThat(etcd.server().idHex()).isEqualTo("1234");
      assertThat(client.get("/b").body().path("node").path("value").asText()).isEqualTo("2");
    }
  }
}
