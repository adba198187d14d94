package io.etcdj.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joining a running cluster with {@code --initial-cluster-state existing} (SPEC CLU-016): the
 * cluster ID and the member IDs come from the first other listed peer that answers {@code GET
 * /members}; the local {@code --initial-cluster} must describe the same members by peer URLs.
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

  ExistingCluster {
    members = List.copyOf(members);
  }

  /**
   * Asks the other members of {@code --initial-cluster} in turn.
   *
   * @throws IllegalStateException with etcd's message if nobody answers or the lists differ
   */
  static ExistingCluster fetch(ServerConfig config) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    for (Map.Entry<String, List<String>> peer : config.initialCluster().entrySet()) {
      if (peer.getKey().equals(config.name())) {
        continue;
      }
      for (String url : peer.getValue()) {
        try {
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(URI.create(url + "/members")).timeout(TIMEOUT).build(),
                  HttpResponse.BodyHandlers.ofString());
          String cid = r.headers().firstValue("X-Etcd-Cluster-ID").orElse("");
          if (r.statusCode() != 200 || cid.isEmpty()) {
            LOG.warn("could not get cluster response from {}: status {}", url, r.statusCode());
            continue;
          }
          return match(config, Long.parseUnsignedLong(cid, 16), parse(r.body()));
        } catch (IOException | RuntimeException e) {
          if (e instanceof IllegalStateException) {
            throw (IllegalStateException) e;
          }
          LOG.warn("could not get cluster response from {}: {}", url, e.toString());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while fetching the cluster", e);
        }
      }
    }
    throw new IllegalStateException(
        "cannot fetch cluster info from peer urls: could not retrieve cluster information from"
            + " the given urls");
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
