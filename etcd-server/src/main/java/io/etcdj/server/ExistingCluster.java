package io.etcdj.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.server.tls.TlsContexts;
import io.etcdj.server.tls.TlsInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.HttpsURLConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joining a running cluster with {@code --initial-cluster-state existing} (SPEC CLU-016): the
 * cluster ID and the member IDs come from the first other listed peer that answers {@code GET
 * /members}; the local {@code --initial-cluster} must describe the same members by peer URLs. A
 * new member asks the same question to learn whether it was bootstrapped before (CLU-014).
 *
 * <p>Thread-safety: immutable; {@link #fetch} blocks the starting thread.
 *
 * @param clusterId the cluster ID the peer answered with ({@code X-Etcd-Cluster-ID})
 * @param members the remote members, with their IDs
 * @param localId the ID of the remote member whose peer URLs are this member's
 */
record ExistingCluster(long clusterId, List<Member> members, long localId) {
  private static final Logger LOG = LoggerFactory.getLogger("etcdserver");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** etcd waits up to 10 s for each peer's answer. */
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** Each task on a daemon thread of its own: a few asks, once, at start. */
  private static final Executor ON_A_THREAD =
      task -> {
        Thread t = new Thread(task, "etcd-bootstrap-check");
        t.setDaemon(true);
        t.start();
      };

  ExistingCluster {
    members = List.copyOf(members);
  }

  /**
   * Asks the other members of {@code --initial-cluster} in turn.
   *
   * @throws IllegalStateException with etcd's message if nobody answers or the lists differ
   */
  static ExistingCluster fetch(ServerConfig config) {
    Answer answer = ask(BootstrapCheck.remotePeerUrls(config), config.peerTls(), TIMEOUT, true);
    if (answer == null) {
      throw new IllegalStateException(
          "cannot fetch cluster info from peer urls: could not retrieve cluster information from"
              + " the given urls");
    }
    return match(config, answer.clusterId(), answer.members());
  }

  /**
   * CLU-014: whether the first of {@code peerUrls} to answer lists member {@code id} with client
   * URLs, that is as a member that started and published them; false if nobody answers in time.
   */
  static boolean reportsStarted(List<String> peerUrls, TlsInfo tls, long id, Duration timeout) {
    // All peers at once, the first in order that answers decides: a peer starting at the same
    // time has bound its port but answers nothing until it serves, so each one asked in turn
    // would hold this start for the whole timeout (two such peers: 2 s of a 3-member start).
    List<CompletableFuture<Answer>> asks = new ArrayList<>();
    for (String url : peerUrls) {
      asks.add(CompletableFuture.supplyAsync(() -> askOne(url, tls, timeout, false), ON_A_THREAD));
    }
    for (CompletableFuture<Answer> ask : asks) {
      Answer answer = ask.join();
      if (answer != null) {
        return answer.members().stream().anyMatch(m -> m.id() == id && !m.clientUrls().isEmpty());
      }
    }
    return false;
  }

  /** A peer's answer to {@code GET /members}: its cluster ID header and the member list. */
  private record Answer(long clusterId, List<Member> members) {}

  /**
   * etcd's {@code getClusterFromRemotePeers}: the first peer URL that answers, or null. A plain
   * {@link HttpURLConnection}, since a member asks once at start: {@code java.net.http}'s client
   * took half a second to set up in a fresh JVM, a member's start on this path.
   */
  private static Answer ask(
      List<String> peerUrls, TlsInfo tls, Duration timeout, boolean logErrors) {
    for (String url : peerUrls) {
      Answer answer = askOne(url, tls, timeout, logErrors);
      if (answer != null) {
        return answer;
      }
    }
    return null;
  }

  /** One peer's answer, or null if it gave none (in time) or not a member list. */
  private static Answer askOne(String url, TlsInfo tls, Duration timeout, boolean logErrors) {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create(url + "/members").toURL().openConnection();
      if (c instanceof HttpsURLConnection https) {
        https.setSSLSocketFactory(TlsContexts.jdkClient(tls).getSocketFactory());
      }
      c.setConnectTimeout((int) timeout.toMillis());
      c.setReadTimeout((int) timeout.toMillis());
      try {
        String cid = c.getHeaderField("X-Etcd-Cluster-ID");
        if (c.getResponseCode() != 200 || cid == null || cid.isEmpty()) {
          if (logErrors) {
            LOG.warn("could not get cluster response from {}: status {}", url, c.getResponseCode());
          }
          return null;
        }
        String body;
        try (InputStream in = c.getInputStream()) {
          body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Answer(Long.parseUnsignedLong(cid, 16), parse(body));
      } finally {
        c.disconnect();
      }
    } catch (IOException | RuntimeException e) {
      if (logErrors) {
        LOG.warn("could not get cluster response from {}: {}", url, e.toString());
      }
      return null;
    }
  }

  private static List<Member> parse(String body) throws IOException {
    List<Member> members = new ArrayList<>();
    for (JsonNode m : JSON.readTree(body)) {
      members.add(
          new Member(
              Long.parseUnsignedLong(m.path("id").asText()),
              m.path("name").asText(""),
              strings(m.path("peerURLs")),
              strings(m.path("clientURLs"))));
    }
    return members;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(u -> out.add(u.asText()));
    out.sort(null);
    return out;
  }

  /** etcd's {@code ValidateClusterAndAssignIDs}: same count, every remote member known locally. */
  private static ExistingCluster match(ServerConfig config, long clusterId, List<Member> remote) {
    String prefix = "error validating peerURLs " + initialCluster(config) + ": ";
    if (remote.size() != config.initialCluster().size()) {
      throw new IllegalStateException(prefix + "member count is unequal");
    }
    List<String> own = sorted(config.initialCluster().get(config.name()));
    long localId = 0;
    for (Member m : remote) {
      boolean known =
          config.initialCluster().values().stream().anyMatch(u -> sorted(u).equals(m.peerUrls()));
      if (!known) {
        throw new IllegalStateException(
            prefix + "unmatched member while checking PeerURLs");
      }
      if (m.peerUrls().equals(own)) {
        localId = m.id();
      }
    }
    if (localId == 0) {
      throw new IllegalStateException(prefix + "unmatched member while checking PeerURLs");
    }
    return new ExistingCluster(clusterId, remote, localId);
  }

  private static List<String> sorted(List<String> urls) {
    List<String> s = new ArrayList<>(urls);
    s.sort(null);
    return s;
  }

  private static String initialCluster(ServerConfig config) {
    List<String> parts = new ArrayList<>();
    config.initialCluster().forEach((n, urls) -> urls.forEach(u -> parts.add(n + "=" + u)));
    return String.join(",", parts);
  }
}
