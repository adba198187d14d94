package io.etcdj.server.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcdj.server.tls.TlsContexts;
import io.etcdj.server.tls.TlsInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's view of the cluster (SPEC CLU-072): asks the known peer URLs in turn for {@code GET
 * /members} (the peer port's member list) and answers with every member's client URLs; the peer
 * URLs of the answer replace the known ones and are saved in the {@link ClusterFile}. When no peer
 * answers, the answer is empty, so the proxy has no endpoints until one does.
 *
 * <p>Thread-safety: {@link #get()} runs on the proxy's timer thread only (and once on the starting
 * thread before that).
 */
final class PeerMembers implements Supplier<List<String>> {
  private static final Logger LOG = LoggerFactory.getLogger("etcdmain");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** etcd gives each peer 10 s to answer. */
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final ClusterFile file;
  private List<String> peerUrls;

  /**
   * @param peerTls the peer TLS flags: the members' peer URLs are asked with them (CLU-076)
   */
  PeerMembers(List<String> peerUrls, ClusterFile file, long dialTimeoutMs, TlsInfo peerTls) {
    this.peerUrls = List.copyOf(peerUrls);
    this.file = file;
    this.http = httpClient(dialTimeoutMs, peerTls);
  }

  /**
   * An HTTP/1.1 client that dials {@code https} URLs with {@code tls}; with no TLS flags at all it
   * keeps the JDK's defaults (the system's CAs), as etcd keeps Go's.
   */
  static HttpClient httpClient(long dialTimeoutMs, TlsInfo tls) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofMillis(Math.max(1, dialTimeoutMs)));
    if (!tls.equals(TlsInfo.none())) {
      b.sslContext(TlsContexts.jdkClient(tls));
    }
    return b.build();
  }

  @Override
  public List<String> get() {
    for (String peer : peerUrls) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(peer + "/members")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || r.headers().firstValue("X-Etcd-Cluster-ID").isEmpty()) {
          LOG.warn("could not get cluster response from {}: status {}", peer, r.statusCode());
          continue;
        }
        return adopt(JSON.readTree(r.body()));
      } catch (IOException | IllegalArgumentException e) {
        LOG.warn("could not get cluster response from {}: {}", peer, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
    LOG.warn("proxy: could not retrieve cluster information from the given URLs");
    return List.of();
  }

  private List<String> adopt(JsonNode members) {
    List<String> clients = new ArrayList<>();
    List<String> peers = new ArrayList<>();
    for (JsonNode m : members) {
      m.path("clientURLs").forEach(u -> clients.add(u.asText()));
      m.path("peerURLs").forEach(u -> peers.add(u.asText()));
    }
    clients.sort(null);
    peers.sort(null);
    if (!peers.isEmpty()) {
      peerUrls = List.copyOf(peers);
      try {
        file.write(peers);
      } catch (IOException e) {
        LOG.warn("proxy: error on writing urls {}", e.toString());
      }
    }
    return clients;
  }
}
