package io.etcdj.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.server.ClusterIds;
import io.etcdj.server.EmbeddedEtcd;
import io.etcdj.server.LoopbackMember;
import io.etcdj.server.proxy.ProxyServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bootstrapping through a discovery token (SPEC CLU-002, CLU-050..055), with one of our own
 * members as the discovery service: three members register and find each other, IDs hash the
 * discovery URL; a fourth finds the cluster full and becomes a proxy (the default fallback) or
 * fails ({@code --discovery-fallback exit}); a token without a size is refused.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DiscoveryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @TempDir Path tmp;

  private final MemberHttp web = new MemberHttp(DEADLINE);
  private final List<AutoCloseable> started = new ArrayList<>();
  private EmbeddedEtcd service;

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : started) {
      c.close();
    }
    if (service != null) {
      service.close();
    }
  }

  @Test
  void threeMembersBootstrapThroughATokenAndAFourthBecomesAProxy() throws Exception {
    String token = discoveryToken("tok1", 3);
    int[] clientPorts = ClusterTestSupport.freePorts(3);
    int[] peerPorts = ClusterTestSupport.freePorts(3);
    List<CompletableFuture<AutoCloseable>> starting = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String name = "d" + i;
      int client = clientPorts[i];
      int peer = peerPorts[i];
      starting.add(CompletableFuture.supplyAsync(() -> startMember(name, client, peer, token)));
      if (i == 0) {
        // CLU-053: d0 registers alone (_config is hidden from the listing), so it must wait on
        // its watch for the other two
        web.awaitJson(service, "/v2/keys/_etcd/registry/tok1", j -> j.path("node").path("nodes")
            .size() == 1);
      }
    }
    List<EmbeddedEtcd> members = new ArrayList<>();
    for (CompletableFuture<AutoCloseable> f : starting) {
      AutoCloseable m = f.get(60, TimeUnit.SECONDS);
      started.add(m);
      members.add((EmbeddedEtcd) m);
    }
    EmbeddedEtcd leader = ClusterTestSupport.awaitLeader(members, DEADLINE);
    web.awaitPut(leader, "/hello", "world");
    for (EmbeddedEtcd m : members) {
      web.awaitValue(m, "/hello", "world");
    }
    // CLU-002: member IDs hash the peer URLs with the discovery URL as the token
    JsonNode list =
        web.awaitJson(leader, "/v2/members", j -> j.path("members").size() == 3
            && allNamed(j.path("members")));
    for (int i = 0; i < 3; i++) {
      String peer = "http://127.0.0.1:" + peerPorts[i];
      long id = ClusterIds.memberId(List.of(peer), token);
      assertThat(list.toString()).contains("\"" + Long.toHexString(id) + "\"");
    }
    // the registrations are what etcd writes: <token>/<member id> = name=peerURL
    JsonNode registered =
        JSON.readTree(
            web.send(service, "GET", "/v2/keys/_etcd/registry/tok1", null).body());
    List<String> values = new ArrayList<>();
    registered.path("node").path("nodes").forEach(n -> values.add(n.path("value").asText("")));
    assertThat(values).contains("d0=http://127.0.0.1:" + peerPorts[0]);

    // CLU-055: the cluster is full; the default fallback starts a proxy to it
    int[] extra = ClusterTestSupport.freePorts(2);
    AutoCloseable fourth = startMember("d3", extra[0], extra[1], token);
    started.add(fourth);
    assertThat(fourth).isInstanceOf(ProxyServer.class);
    String proxyUrl = ((ProxyServer) fourth).clientUrl();
    long end = System.nanoTime() + DEADLINE.toNanos();
    HttpResponse<String> viaProxy = null;
    while (System.nanoTime() < end) {
      viaProxy =
          web.client()
              .send(
                  HttpRequest.newBuilder(URI.create(proxyUrl + "/v2/keys/hello")).build(),
                  HttpResponse.BodyHandlers.ofString());
      if (viaProxy.statusCode() == 200) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(viaProxy.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(viaProxy.body()).path("node").path("value").asText())
        .isEqualTo("world");

    // with --discovery-fallback exit, a full cluster is an error
    int[] more = ClusterTestSupport.freePorts(2);
    assertThatThrownBy(
            () -> startMember("d4", more[0], more[1], token, "--discovery-fallback", "exit"))
        .hasMessage("failed to join discovery cluster (discovery: cluster is full)");
  }

  /** CLU-051: a token whose {@code _config/size} is missing or bad is refused. */
  @Test
  void tokenWithoutAGoodSizeIsRefused() throws Exception {
    String noSize = discoveryToken("nosize", -1);
    int[] ports = ClusterTestSupport.freePorts(2);
    assertThatThrownBy(() -> startMember("x", ports[0], ports[1], noSize))
        .hasMessage("failed to join discovery cluster (discovery: size key not found)");
    web.awaitPut(service, "/_etcd/registry/badsize/_config/size", "three");
    String badSize = noSize.replace("nosize", "badsize");
    assertThatThrownBy(() -> startMember("x", ports[0], ports[1], badSize))
        .hasMessage("failed to join discovery cluster (discovery: size key is bad)");
  }

  /**
   * CLU-050: with {@code --discovery-proxy}, discovery talks to the token's host through an HTTP
   * proxy; here that is our own v2 proxy in front of the discovery member, which forwards any
   * absolute-form request to its cluster, so the token's host need not even resolve.
   */
  @Test
  void discoveryGoesThroughTheDiscoveryProxy() throws Exception {
    int[] ports = ClusterTestSupport.freePorts(4);
    String peer = "http://127.0.0.1:" + ports[1];
    List<String> disco =
        EtcdCommandLine.memberFlags(tmp, "disco", "http://127.0.0.1:" + ports[0], peer);
    disco.addAll(List.of("--initial-cluster", "disco=" + peer));
    service = EmbeddedEtcd.start(disco.toArray(String[]::new));
    web.awaitPut(service, "/_etcd/registry/viaproxy/_config/size", "1");
    AutoCloseable proxy =
        EtcdCommandLine.start(
            List.of(
                "--name", "dproxy",
                "--proxy", "on",
                "--data-dir", tmp.resolve("dproxy.etcd").toString(),
                "--listen-client-urls", "http://127.0.0.1:0",
                "--initial-cluster", "disco=" + peer));
    started.add(proxy);
    String proxyAddress = ((ProxyServer) proxy).clientUrl().substring("http://".length());

    AutoCloseable member =
        startMember(
            "solo", ports[2], ports[3],
            "http://discovery.invalid:4001/v2/keys/_etcd/registry/viaproxy",
            "--discovery-proxy", proxyAddress);
    started.add(member);
    assertThat(member).isInstanceOf(EmbeddedEtcd.class);
    JsonNode registered =
        web.awaitJson(service, "/v2/keys/_etcd/registry/viaproxy", j -> true);
    assertThat(registered.path("node").path("nodes").get(0).path("value").asText())
        .isEqualTo("solo=http://127.0.0.1:" + ports[3]);
    web.awaitPut((EmbeddedEtcd) member, "/alone", "yes");
  }

  /** CLU-052, CLU-056: a token is single-use; a member that lost its data dir is a duplicate. */
  @Test
  void aMemberThatRegisteredBeforeIsADuplicate() throws Exception {
    String token = discoveryToken("once", 1);
    int[] ports = ClusterTestSupport.freePorts(2);
    AutoCloseable first = startMember("m", ports[0], ports[1], token);
    assertThat(first).isInstanceOf(EmbeddedEtcd.class);
    first.close();
    deleteRecursively(tmp.resolve("m.etcd"));
    assertThatThrownBy(() -> startMember("m", ports[0], ports[1], token))
        .hasMessage("failed to join discovery cluster (discovery: found duplicate id)");
  }

  /** CLU-053: the registrations must name {@code size} distinct members with valid URLs. */
  @Test
  void badRegistrationsAreRefused() throws Exception {
    String dup = discoveryToken("dupname", 2);
    web.awaitPut(service, "/_etcd/registry/dupname/1234", "m=http://127.0.0.1:1");
    int[] ports = ClusterTestSupport.freePorts(2);
    assertThatThrownBy(() -> startMember("m", ports[0], ports[1], dup))
        .hasMessage("failed to join discovery cluster (discovery: found duplicate name)");
    String bad = discoveryToken("badurl", 2);
    web.awaitPut(service, "/_etcd/registry/badurl/1234", "other=not-a-url");
    assertThatThrownBy(() -> startMember("m2", ports[0], ports[1], bad))
        .hasMessage("failed to join discovery cluster (discovery: invalid URL)");
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    try (var paths = java.nio.file.Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        java.nio.file.Files.delete(p);
      }
    }
  }

  private static boolean allNamed(JsonNode members) {
    for (JsonNode m : members) {
      if (m.path("name").asText("").isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** Starts the discovery service if needed and creates a token; size below 0 sets none. */
  private String discoveryToken(String name, int size) throws Exception {
    if (service == null) {
      service = LoopbackMember.start("discovery", tmp.resolve("discovery.etcd"));
    }
    if (size >= 0) {
      web.awaitPut(service, "/_etcd/registry/" + name + "/_config/size", Integer.toString(size));
    }
    return service.clientUrl() + "/v2/keys/_etcd/registry/" + name;
  }

  private AutoCloseable startMember(
      String name, int clientPort, int peerPort, String token, String... extra) {
    List<String> flags =
        EtcdCommandLine.memberFlags(
            tmp, name, "http://127.0.0.1:" + clientPort, "http://127.0.0.1:" + peerPort);
    flags.addAll(List.of("--discovery", token));
    flags.addAll(EtcdCommandLine.fastElections());
    flags.addAll(List.of(extra));
    return EtcdCommandLine.start(flags);
  }
}
