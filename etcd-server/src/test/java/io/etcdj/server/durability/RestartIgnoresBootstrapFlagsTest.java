package io.etcdj.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.EtcdFlags;
import io.etcdj.server.EtcdMain;
import io.etcdj.server.LogLines;
import io.etcdj.server.LoopbackMember;
import io.etcdj.server.ServerConfig;
import io.etcdj.server.log.CapnslogLevel;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC CLU-017: a member that finds a WAL restarts with the member and cluster IDs written in it;
 * the bootstrap flags, which only a member without a WAL reads, may say anything by then. It says
 * first that it found a member in its data dir (FLG-061).
 */
class RestartIgnoresBootstrapFlagsTest {
  @TempDir Path dataDir;

  @RegisterExtension final LogLines lines = LogLines.of("etcdserver", "etcdmain");

  @Test
  void aRestartKeepsTheIdsOfItsWalWhateverTheInitialFlagsSay() throws Exception {
    String id;
    String cluster;
    try (EmbeddedEtcd etcd = LoopbackMember.start("n1", dataDir)) {
      new V2Client(etcd.clientUrl()).put("/a", V2Client.form("value", "1"));
      id = etcd.server().idHex();
      cluster = etcd.server().clusterIdHex();
    }
    // A new member with these flags would stop: its name is not in the initial cluster, which
    // would also hash other IDs. EtcdMain decides what to start, as the command does.
    String[] flags = {
      "--name", "n1",
      "--data-dir", dataDir.toString(),
      "--listen-client-urls", "http://127.0.0.1:0",
      "--advertise-client-urls", "http://127.0.0.1:0",
      "--listen-peer-urls", "http://127.0.0.1:0",
      "--initial-cluster", "other=http://127.0.0.1:29380,n2=http://127.0.0.1:29380",
      "--initial-cluster-token", "another-cluster",
      "--initial-advertise-peer-urls", "http://127.0.0.1:29381"
    };
    ServerConfig config = EtcdFlags.parse(flags, Map.of(), line -> {}).toConfig();
    try (EmbeddedEtcd etcd = (EmbeddedEtcd) EtcdMain.start(config)) {
      assertThat(etcd.server().idHex()).isEqualTo(id);
      assertThat(etcd.server().clusterIdHex()).isEqualTo(cluster);
      V2Client c = new V2Client(etcd.clientUrl());
      assertThat(c.get("/a").body().path("node").path("value").asText()).isEqualTo("1");
    }
    assertThat(lines.events())
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(l -> l.matches("restarting member " + id + " in cluster " + cluster
            + " at commit index \\d+"));
    assertThat(lines.events())
        .filteredOn(e -> e.getMarkerList() != null
            && e.getMarkerList().contains(CapnslogLevel.NOTICE))
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            // the first start's, a notice in etcd too
            "set the initial cluster version to 2.3",
            "the server is already initialized as member before, starting as etcd member...");
  }
}
