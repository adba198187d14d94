package io.etcdj.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.LoopbackMember;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * SPEC CLU-017: a member that finds a WAL restarts with the member and cluster IDs written in it;
 * the bootstrap flags, which only a member without a WAL reads, may say anything by then.
 */
class RestartIgnoresBootstrapFlagsTest {
  @TempDir Path dataDir;

  private final Logger etcdserver = (Logger) LoggerFactory.getLogger("etcdserver");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeEach
  void listen() {
    lines.start();
    etcdserver.addAppender(lines);
  }

  @AfterEach
  void stopListening() {
    etcdserver.detachAppender(lines);
  }

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
    // would also hash other IDs.
    try (EmbeddedEtcd etcd =
        LoopbackMember.start(
            "n1",
            dataDir,
            "--initial-cluster", "other=http://127.0.0.1:29380,n2=http://127.0.0.1:29380",
            "--initial-cluster-token", "another-cluster",
            "--initial-advertise-peer-urls", "http://127.0.0.1:29381")) {
      assertThat(etcd.server().idHex()).isEqualTo(id);
      assertThat(etcd.server().clusterIdHex()).isEqualTo(cluster);
      V2Client c = new V2Client(etcd.clientUrl());
      assertThat(c.get("/a").body().path("node").path("value").asText()).isEqualTo("1");
    }
    assertThat(lines.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(l -> l.matches("restarting member " + id + " in cluster " + cluster
            + " at commit index \\d+"));
  }
}
