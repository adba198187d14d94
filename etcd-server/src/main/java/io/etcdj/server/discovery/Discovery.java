package io.etcdj.server.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.etcdj.server.log.CapnslogLevel;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bootstrapping through a discovery token on another etcd (SPEC CLU-050..055, etcd's documented
 * discovery protocol): read the expected size from {@code <token>/_config/size}, register this
 * member as {@code <token>/<member id> = name=peerURL,...} (create only), then watch the token
 * until {@code size} members have registered; the first {@code size} registrations by creation
 * index form the initial cluster. A member that finds {@code size} others ahead of it gets {@link
 * DiscoveryException.Kind#FULL_CLUSTER} and may become a proxy instead.
 *
 * <p>Thread-safety: not thread-safe; one discovery runs on the starting thread and blocks it
 * (waiting for the other members may take as long as they take to start).
 */
public final class Discovery {
  private static final Logger LOG = LoggerFactory.getLogger("discovery");
  /** CLU-054: back-off doubles from 2 s up to 2^8 s. */
  private static final int MAX_EXPONENT = 8;

  private final DiscoveryClient client;
  private final String url;
  private final String token;
  private final String selfKey;
  private int retries;

  /** What {@link #checkCluster} saw. */
  private record Registered(List<JsonNode> nodes, long size, long index) {}

  private Discovery(DiscoveryConfig config, long memberId) {
    URI u = URI.create(config.url());
    this.url = config.url();
    this.client = new DiscoveryClient(u.getScheme() + "://" + u.getRawAuthority(), config.proxy());
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    this.token = clean("/" + path);
    this.selfKey = clean(token + "/" + Long.toHexString(memberId));
  }

  /**
   * CLU-051..053: registers this member and waits for the rest.
   *
   * @param memberId this member's ID (CLU-002: hashed with the discovery URL as the token)
   * @param self this member's {@code name=peerURL[,name=peerURL2]}
   * @return the initial cluster, name -> sorted peer URLs
   */
  public static Map<String, List<String>> join(DiscoveryConfig config, long memberId, String self)
      throws DiscoveryException {
    Discovery d = new Discovery(config, memberId);
    d.checkCluster();
    d.createSelf(self);
    Registered now = d.checkCluster();
    return toCluster(d.waitNodes(now), now.size());
  }

  /**
   * The cluster registered under the token, waiting until it is complete; a full cluster is
   * simply the answer (what a proxy needs, CLU-070).
   */
  public static Map<String, List<String>> cluster(DiscoveryConfig config)
      throws DiscoveryException {
    Discovery d = new Discovery(config, 0);
    Registered now;
    try {
      now = d.checkCluster();
    } catch (FullCluster full) {
      return toCluster(full.registered.nodes(), full.registered.size());
    }
    return toCluster(d.waitNodes(now), now.size());
  }

  /** Carries what was seen when the cluster turned out full. */
  private static final class FullCluster extends DiscoveryException {
    final Registered registered;

    FullCluster(Registered registered) {
      super(Kind.FULL_CLUSTER);
      this.registered = registered;
    }
  }

  private Registered checkCluster() throws DiscoveryException {
    while (true) {
      try {
        return checkClusterOnce();
      } catch (DiscoveryClient.Unreachable e) {
        backOff("cluster status check", e);
      }
    }
  }

  private Registered checkClusterOnce() throws DiscoveryException, DiscoveryClient.Unreachable {
    DiscoveryClient.Answer sizeAnswer;
    try {
      sizeAnswer = client.get(token + "/_config/size");
    } catch (DiscoveryClient.NotJson e) {
      throw new DiscoveryException(DiscoveryException.Kind.BAD_ENDPOINT);
    }
    if (sizeAnswer.errorCode() == 100) {
      throw new DiscoveryException(DiscoveryException.Kind.SIZE_NOT_FOUND);
    }
    if (sizeAnswer.errorCode() != 0) {
      throw unexpected(sizeAnswer);
    }
    long size;
    try {
      size = Long.parseUnsignedLong(sizeAnswer.body().path("node").path("value").asText(""));
    } catch (NumberFormatException e) {
      throw new DiscoveryException(DiscoveryException.Kind.BAD_SIZE);
    }
    DiscoveryClient.Answer dir;
    try {
      dir = client.get(token);
    } catch (DiscoveryClient.NotJson e) {
      throw new DiscoveryException(DiscoveryException.Kind.BAD_ENDPOINT);
    }
    if (dir.errorCode() != 0) {
      throw unexpected(dir);
    }
    List<JsonNode> nodes = new ArrayList<>();
    for (JsonNode n : dir.body().path("node").path("nodes")) {
      if (!base(n.path("key").asText()).equals("_config")) {
        nodes.add(n);
      }
    }
    nodes.sort(Comparator.comparingLong(n -> n.path("createdIndex").asLong()));
    String self = base(selfKey);
    for (int i = 0; i < nodes.size(); i++) {
      if (base(nodes.get(i).path("key").asText()).equals(self)) {
        break;
      }
      if (i >= size - 1) {
        throw new FullCluster(
            new Registered(List.copyOf(nodes.subList(0, (int) size)), size, dir.etcdIndex()));
      }
    }
    return new Registered(nodes, size, dir.etcdIndex());
  }

  /** CLU-052: register, then wait until the registration is visible. */
  private void createSelf(String self) throws DiscoveryException {
    DiscoveryClient.Answer created;
    while (true) {
      try {
        created = client.create(selfKey, self);
        break;
      } catch (DiscoveryClient.Unreachable e) {
        backOff("registering", e);
      } catch (DiscoveryClient.NotJson e) {
        throw new DiscoveryException(DiscoveryException.Kind.BAD_ENDPOINT);
      }
    }
    if (created.errorCode() == 105) {
      throw new DiscoveryException(DiscoveryException.Kind.DUPLICATE_ID);
    }
    if (created.errorCode() != 0) {
      throw unexpected(created);
    }
    long createdIndex = created.body().path("node").path("createdIndex").asLong();
    try {
      client.watch(selfKey, createdIndex, false);
    } catch (DiscoveryClient.Unreachable | DiscoveryClient.NotJson e) {
      throw new DiscoveryException(
          DiscoveryException.Kind.OTHER, "discovery: watching the own key failed: " + e.getMessage());
    }
  }

  /** CLU-053: watch the token until {@code size} members are known. */
  private List<JsonNode> waitNodes(Registered seen) throws DiscoveryException {
    List<JsonNode> all = new ArrayList<>(seen.nodes());
    if (all.size() > seen.size()) {
      all = new ArrayList<>(all.subList(0, (int) seen.size()));
    }
    for (JsonNode n : all) {
      String id = base(n.path("key").asText());
      if (id.equals(base(selfKey))) {
        LOG.info(CapnslogLevel.NOTICE, "found self {} in the cluster", id);
      } else {
        LOG.info(CapnslogLevel.NOTICE, "found peer {} in the cluster", id);
      }
    }
    long next = seen.index() + 1;
    while (all.size() < seen.size()) {
      LOG.info(CapnslogLevel.NOTICE, "found {} peer(s), waiting for {} more", all.size(), seen.size() - all.size());
      DiscoveryClient.Answer event;
      try {
        event = client.watch(token, next, true);
      } catch (DiscoveryClient.Unreachable e) {
        backOff("waiting for other nodes", e);
        return waitNodes(checkCluster());
      } catch (DiscoveryClient.NotJson e) {
        throw new DiscoveryException(DiscoveryException.Kind.BAD_ENDPOINT);
      }
      if (event.errorCode() != 0) {
        throw unexpected(event);
      }
      JsonNode node = event.body().path("node");
      next = node.path("modifiedIndex").asLong() + 1;
      LOG.info(CapnslogLevel.NOTICE, "found peer {} in the cluster", base(node.path("key").asText()));
      all.add(node);
    }
    LOG.info(CapnslogLevel.NOTICE, "found {} needed peer(s)", all.size());
    return all;
  }

  /** The registered values joined, as an initial cluster of exactly {@code size} names. */
  private static Map<String, List<String>> toCluster(List<JsonNode> nodes, long size)
      throws DiscoveryException {
    Map<String, List<String>> cluster = new LinkedHashMap<>();
    for (JsonNode n : nodes) {
      for (String part : n.path("value").asText("").split(",")) {
        int eq = part.indexOf('=');
        if (eq <= 0 || !validUrl(part.substring(eq + 1))) {
          throw new DiscoveryException(DiscoveryException.Kind.INVALID_URL);
        }
        cluster.computeIfAbsent(part.substring(0, eq), k -> new ArrayList<>())
            .add(part.substring(eq + 1));
      }
    }
    if (cluster.size() != size) {
      throw new DiscoveryException(DiscoveryException.Kind.DUPLICATE_NAME);
    }
    cluster.values().forEach(urls -> urls.sort(null));
    return cluster;
  }

  private static boolean validUrl(String s) {
    try {
      URI u = new URI(s);
      return u.getScheme() != null && u.getHost() != null && u.getPort() > 0;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** CLU-054: unlimited retries, waiting 2^n s (n capped at 8). */
  private void backOff(String step, DiscoveryClient.Unreachable cause) throws DiscoveryException {
    retries++;
    long seconds = 1L << Math.min(retries, MAX_EXPONENT);
    LOG.error("{}", cause.getMessage());
    LOG.info("{}: error connecting to {}, retrying in {}s", step, url, seconds);
    try {
      Thread.sleep(seconds * 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DiscoveryException(DiscoveryException.Kind.OTHER, "discovery: interrupted");
    }
  }

  private static DiscoveryException unexpected(DiscoveryClient.Answer a) {
    return new DiscoveryException(
        DiscoveryException.Kind.OTHER,
        a.body().path("message").asText("discovery: unexpected answer")
            + " ("
            + a.body().path("cause").asText("")
            + ")");
  }

  private static String base(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  private static String clean(String path) {
    String p = path.replaceAll("/+", "/");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }
}
