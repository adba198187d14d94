package io.etcdj.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.server.ClusterIds;
import io.etcdj.server.EmbeddedEtcd;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * DNS SRV bootstrap (SPEC CLU-060): three members find each other through {@code
 * _etcd-server._tcp.<domain>} records served by a loopback DNS server; the records name the
 * hosts ({@code localhost}), the members advertise addresses ({@code 127.0.0.1}), and they are
 * matched after resolution as etcd does. A domain without records is refused.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SrvDiscoveryTest {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final String DOMAIN = "etcd.example.test";

  @TempDir Path tmp;

  private final MemberHttp web = new MemberHttp(DEADLINE);
  private final List<EmbeddedEtcd> members = new ArrayList<>();

  @AfterEach
  void closeMembers() {
    members.forEach(EmbeddedEtcd::close);
  }

  @Test
  void threeMembersBootstrapFromSrvRecords() throws Exception {
    int[] clientPorts = ClusterTestSupport.freePorts(3);
    int[] peerPorts = ClusterTestSupport.freePorts(3);
    List<SrvDnsServer.Srv> srvs = new ArrayList<>();
    for (int p : peerPorts) {
      srvs.add(new SrvDnsServer.Srv(p, "localhost"));
    }
    try (SrvDnsServer dns = new SrvDnsServer(Map.of("_etcd-server._tcp." + DOMAIN, srvs))) {
      List<CompletableFuture<AutoCloseable>> starting = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        List<String> flags = flags("s" + i, clientPorts[i], peerPorts[i]);
        starting.add(
            CompletableFuture.supplyAsync(() -> EtcdCommandLine.start(flags, dns.address())));
      }
      for (CompletableFuture<AutoCloseable> f : starting) {
        members.add((EmbeddedEtcd) f.get(60, TimeUnit.SECONDS));
      }
    }
    EmbeddedEtcd leader = ClusterTestSupport.awaitLeader(members, DEADLINE);
    web.awaitPut(leader, "/srv", "ok");
    for (EmbeddedEtcd m : members) {
      web.awaitValue(m, "/srv", "ok");
    }
    // the IDs hash the URLs from the records (host names) with the cluster token
    String list = web.awaitJson(leader, "/v2/members", j -> j.path("members").size() == 3)
        .toString();
    for (int p : peerPorts) {
      long id = ClusterIds.memberId(List.of("http://localhost:" + p), "etcd-cluster");
      assertThat(list).contains("\"" + Long.toHexString(id) + "\"");
    }
  }

  @Test
  void domainWithoutRecordsIsRefused() throws Exception {
    int[] ports = ClusterTestSupport.freePorts(2);
    try (SrvDnsServer dns = new SrvDnsServer(Map.of())) {
      assertThatThrownBy(
              () -> EtcdCommandLine.start(flags("x", ports[0], ports[1]), dns.address()))
          .hasMessageStartingWith("error setting up initial cluster: error querying DNS SRV"
              + " records for _etcd-server");
    }
  }

  private List<String> flags(String name, int clientPort, int peerPort) {
    List<String> flags =
        EtcdCommandLine.memberFlags(
            tmp, name, "http://127.0.0.1:" + clientPort, "http://127.0.0.1:" + peerPort);
    flags.addAll(List.of("--discovery-srv", DOMAIN));
    flags.addAll(EtcdCommandLine.fastElections());
    return flags;
  }
}
