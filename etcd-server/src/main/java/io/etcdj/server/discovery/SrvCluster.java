package io.etcdj.server.discovery;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DNS SRV bootstrap (SPEC CLU-060, etcd 2.3's {@code srv.GetCluster}): the peers are the targets
 * of {@code _etcd-server-ssl._tcp.<domain>} (https) and {@code _etcd-server._tcp.<domain>}
 * (http). A target that resolves to one of this member's advertised peer addresses gets this
 * member's name; the others are named {@code 0}, {@code 1}, ... (names are labels: member IDs
 * hash only the URLs and the cluster token). Lookups go through JNDI's DNS provider, to the
 * system's resolvers or to one given server.
 *
 * <p>Thread-safety: stateless; {@link #cluster} blocks the starting thread for the lookups.
 */
public final class SrvCluster {
  private static final Logger LOG = LoggerFactory.getLogger("discovery");

  private SrvCluster() {}

  /**
   * @param domain {@code --discovery-srv}
   * @param name {@code --name}
   * @param advertised {@code --initial-advertise-peer-urls}
   * @param dnsServer {@code host:port} of the DNS server to ask; empty for the system's
   * @return the initial cluster, name -> sorted peer URLs
   * @throws IllegalStateException with etcd's message when neither lookup yields a peer
   */
  public static Map<String, List<String>> cluster(
      String domain, String name, List<URI> advertised, String dnsServer) {
    List<String> own = new ArrayList<>();
    for (URI u : advertised) {
      own.add(resolve(u.getHost(), u.getPort()));
    }
    Map<String, List<String>> cluster = new LinkedHashMap<>();
    int[] tempName = {0};
    List<String> errors = new ArrayList<>();
    String[][] services = {{"etcd-server-ssl", "https"}, {"etcd-server", "http"}};
    for (String[] service : services) {
      String record = "_" + service[0] + "._tcp." + domain;
      try {
        for (String srv : lookup(record, dnsServer)) {
          // "priority weight port target."
          String[] parts = srv.trim().split("\\s+");
          int port = Integer.parseInt(parts[2]);
          String target = parts[3].endsWith(".") ? parts[3].substring(0, parts[3].length() - 1)
              : parts[3];
          String address = resolve(target, port);
          if (address == null) {
            LOG.warn("couldn't resolve host {}:{} during SRV discovery", target, port);
            continue;
          }
          String n = own.contains(address) ? name : Integer.toString(tempName[0]++);
          String url = service[1] + "://" + target + ":" + port;
          cluster.computeIfAbsent(n, k -> new ArrayList<>()).add(url);
          LOG.info("got bootstrap from DNS for {} at {}", service[0], url);
        }
      } catch (NamingException | RuntimeException e) {
        errors.add("error querying DNS SRV records for _" + service[0] + " " + e.getMessage());
      }
    }
    if (errors.size() == services.length) {
      errors.forEach(e -> LOG.warn("{}", e));
      LOG.error("SRV discovery failed: too many errors querying DNS SRV records");
      throw new IllegalStateException(
          "error setting up initial cluster: " + errors.get(errors.size() - 1));
    }
    cluster.values().forEach(urls -> urls.sort(null));
    return cluster;
  }

  private static List<String> lookup(String record, String dnsServer) throws NamingException {
    Hashtable<String, String> env = new Hashtable<>();
    env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
    env.put("java.naming.provider.url", dnsServer.isEmpty() ? "dns:" : "dns://" + dnsServer);
    DirContext ctx = new InitialDirContext(env);
    List<String> values = new ArrayList<>();
    try {
      Attribute srv = ctx.getAttributes(record, new String[] {"SRV"}).get("SRV");
      if (srv == null) {
        throw new NamingException("no SRV records for " + record);
      }
      NamingEnumeration<?> all = srv.getAll();
      while (all.hasMore()) {
        values.add(all.next().toString());
      }
    } finally {
      ctx.close();
    }
    return values;
  }

  /** {@code ip:port}, as Go's resolved TCP address prints; null if the host does not resolve. */
  private static String resolve(String host, int port) {
    try {
      return InetAddress.getByName(host).getHostAddress() + ":" + port;
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
