package io.etcdj.server;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What etcd checks before a member without a WAL starts (its {@code VerifyBootstrap} and {@code
 * VerifyJoinExisting}): the initial cluster names this member, with its advertised peer URLs when
 * the cluster is new, holds no URL twice and gives every member a usable ID (CLU-006, CLU-013);
 * and a new member is not one the other members already know as started (CLU-014). A member with
 * a WAL checks none of this: its IDs and membership come from its data dir, whatever the {@code
 * --initial-*} flags say now (CLU-017).
 *
 * <p>Each check throws an {@link IllegalStateException} with etcd's message; the start stops.
 *
 * <p>Thread-safety: stateless.
 */
final class BootstrapCheck {
  /** etcd gives the peers one second to tell whether this member was bootstrapped (CLU-014). */
  static final Duration BOOTSTRAPPED_TIMEOUT = Duration.ofSeconds(1);

  private BootstrapCheck() {}

  /**
   * A member of a new cluster ({@code --initial-cluster-state new}) with no WAL: the local entry
   * must match {@code --initial-advertise-peer-urls}, and unless the cluster came from a discovery
   * service, no other member may already report this one as started.
   *
   * @param reportedStarted the peers' answer ({@link #reportedStarted(ServerConfig)}), asked
   *     before the peer ports were bound when {@link #asksPeers} (else false)
   */
  static void verifyNewCluster(ServerConfig config, boolean reportedStarted) {
    verifyLocalMember(config, true);
    verifyNoDuplicateUrl(config);
    List<Member> members = RaftStart.initialMembers(config);
    checkMemberIds(members);
    if (reportedStarted) {
      throw new IllegalStateException(
          "member " + Long.toHexString(config.memberId()) + " has already been bootstrapped");
    }
  }

  /** Whether a member without a WAL asks its peers about itself: in a new cluster not discovered. */
  static boolean asksPeers(ServerConfig config) {
    return !config.clusterState().equals("existing") && !config.discovery().enabled();
  }

  /**
   * CLU-014's question: does any other member of the initial cluster know this one as started
   * (with client URLs)? The first peer that answers within {@link #BOOTSTRAPPED_TIMEOUT} decides.
   */
  static boolean reportedStarted(ServerConfig config) {
    List<String> others = remotePeerUrls(config);
    // A lone member has nobody to ask: skip the HTTP client and JSON reader it would set up.
    return !others.isEmpty()
        && ExistingCluster.reportsStarted(
            others, config.peerTls(), config.memberId(), BOOTSTRAPPED_TIMEOUT);
  }

  /**
   * A member joining a running cluster ({@code --initial-cluster-state existing}) with no WAL: it
   * must be listed (its URLs are the cluster's business), and cannot use a discovery service.
   */
  static void verifyJoinExisting(ServerConfig config) {
    verifyLocalMember(config, false);
    verifyNoDuplicateUrl(config);
    if (config.discovery().enabled()) {
      throw new IllegalStateException(
          "discovery URL should not be set when joining existing initial cluster");
    }
  }

  /**
   * CLU-006: member IDs are never 0 (raft's "no node") and never shared by two members; the URL
   * check before makes either all but impossible, as in etcd.
   */
  static void checkMemberIds(List<Member> members) {
    Set<Long> seen = new HashSet<>();
    for (Member m : members) {
      if (!seen.add(m.id())) {
        // Go's %v of etcd's *Member: &{ID {PeerURLs} {Name ClientURLs}}
        throw new IllegalStateException(
            "member exists with identical ID &{"
                + m.idHex()
                + " {["
                + String.join(" ", m.peerUrls())
                + "]} {"
                + m.name()
                + " []}}");
      }
      if (m.id() == 0) {
        throw new IllegalStateException("cannot use 0 as member id");
      }
    }
  }

  /** The peer URLs of every other member of the initial cluster, sorted, as etcd asks them. */
  static List<String> remotePeerUrls(ServerConfig config) {
    List<String> urls = new ArrayList<>();
    config
        .initialCluster()
        .forEach(
            (name, memberUrls) -> {
              if (!name.equals(config.name())) {
                urls.addAll(memberUrls);
              }
            });
    urls.sort(null);
    return urls;
  }

  private static void verifyLocalMember(ServerConfig config, boolean strict) {
    List<String> mine = config.initialCluster().get(config.name());
    if (mine == null) {
      throw new IllegalStateException(
          "couldn't find local name \""
              + config.name()
              + "\" in the initial cluster configuration");
    }
    if (!strict) {
      return;
    }
    List<String> advertised = new ArrayList<>();
    for (URI u : config.advertisePeerUrls()) {
      advertised.add(u.toString());
    }
    advertised.sort(null);
    if (!advertised.equals(mine) && !resolved(advertised).equals(resolved(mine))) {
      throw new IllegalStateException(
          "--initial-cluster must include "
              + pairs(Map.of(config.name(), advertised))
              + " given --initial-advertise-peer-urls="
              + String.join(",", advertised));
    }
  }

  private static void verifyNoDuplicateUrl(ServerConfig config) {
    Set<String> seen = new HashSet<>();
    for (List<String> urls : config.initialCluster().values()) {
      for (String u : urls) {
        if (!seen.add(u)) {
          String what = config.discovery().enabled() ? "discovery cluster " : "initial cluster ";
          throw new IllegalStateException(
              what + pairs(config.initialCluster()) + " has duplicate url");
        }
      }
    }
  }

  /** etcd's {@code URLsMap.String()}: every {@code name=url} pair, sorted, comma-joined. */
  static String pairs(Map<String, List<String>> cluster) {
    List<String> pairs = new ArrayList<>();
    cluster.forEach((name, urls) -> urls.forEach(u -> pairs.add(name + "=" + u)));
    pairs.sort(null);
    return String.join(",", pairs);
  }

  /**
   * URLs with their host names resolved, sorted: etcd compares the advertised peer URLs with the
   * initial cluster's after resolving them (a DNS SRV cluster names hosts, CLU-060). A name that
   * does not resolve stays as it is.
   */
  private static List<String> resolved(List<String> urls) {
    List<String> out = new ArrayList<>();
    for (String s : urls) {
      URI u = URI.create(s);
      String host = u.getHost();
      try {
        host = InetAddress.getByName(host).getHostAddress();
      } catch (UnknownHostException e) {
        // compared as written
      }
      out.add(u.getScheme() + "://" + host + ":" + u.getPort());
    }
    out.sort(null);
    return out;
  }
}
