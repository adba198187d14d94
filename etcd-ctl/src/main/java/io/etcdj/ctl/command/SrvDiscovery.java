package io.etcdj.ctl.command;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InitialDirContext;

/**
 * Client endpoint discovery through DNS SRV records (CTL-005): {@code _etcd-client-ssl._tcp} gives
 * https endpoints and {@code _etcd-client._tcp} http ones.
 *
 * <p>Stateless; thread-safe.
 */
final class SrvDiscovery {
  private SrvDiscovery() {}

  /**
   * Endpoints found for {@code domain}, https first. Fails only when neither record exists.
   *
   * @param serviceName optional suffix of the service name ({@code _etcd-client-<name>})
   */
  static List<String> discover(String domain, String serviceName) throws NamingException {
    String suffix = serviceName.isEmpty() ? "" : "-" + serviceName;
    List<String> out = new ArrayList<>();
    NamingException last = null;
    for (String[] svc :
        new String[][] {
          {"_etcd-client-ssl" + suffix, "https"}, {"_etcd-client" + suffix, "http"}
        }) {
      try {
        out.addAll(lookup(svc[0] + "._tcp." + domain, svc[1]));
      } catch (NamingException e) {
        last = e;
      }
    }
    if (out.isEmpty() && last != null) {
      throw last;
    }
    return out;
  }

  private static List<String> lookup(String name, String scheme) throws NamingException {
    Hashtable<String, String> env = new Hashtable<>();
    env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
    InitialDirContext ctx = new InitialDirContext(env);
    List<String> out = new ArrayList<>();
    try {
      Attribute srv = ctx.getAttributes(name, new String[] {"SRV"}).get("SRV");
      if (srv == null) {
        return out;
      }
      for (int i = 0; i < srv.size(); i++) {
        // priority weight port target
        String[] f = srv.get(i).toString().split(" ");
        String host = f[3].endsWith(".") ? f[3].substring(0, f[3].length() - 1) : f[3];
        out.add(scheme + "://" + host + ":" + f[2]);
      }
    } finally {
      ctx.close();
    }
    return out;
  }
}
