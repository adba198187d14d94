package io.etcdj.server.cluster;

import io.etcdj.server.EmbeddedEtcd;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the in-process cluster tests share: free loopback ports for members to listen on, and
 * waiting (polled, with a deadline) for exactly one leader. Public for the tests of other packages
 * that start members themselves (the TLS tests).
 *
 * <p>Thread-safety: stateless.
 */
public final class ClusterTestSupport {
  private ClusterTestSupport() {}

  /**
   * Ports are taken from below Linux's ephemeral range (32768-60999): a port the kernel hands out
   * for port 0 can be taken again by any outgoing connection between our check and the member's own
   * bind, which made cluster starts fail with "Address already in use" on a busy machine. 23790
   * (the Procfile's proxy) and etcd's 2379x/2380x ports lie outside this window.
   */
  private static final int FIRST_PORT = 24_000;

  private static final int LAST_PORT = 32_000;

  /**
   * Every port handed out in this JVM. A port is free when chosen but bound only when its member
   * starts, so a later call must not hand it out again meanwhile: two members of one cluster got
   * the same port that way ("bind: address already in use" in CI, session 5).
   */
  private static final Set<Integer> ISSUED = ConcurrentHashMap.newKeySet();

  /** n distinct ports that are free on 127.0.0.1 now and new to this JVM, chosen at random. */
  public static int[] freePorts(int n) throws IOException {
    Set<Integer> chosen = new LinkedHashSet<>();
    InetAddress loopback = InetAddress.getLoopbackAddress();
    for (int tries = 0; chosen.size() < n && tries < 10_000; tries++) {
      int port = ThreadLocalRandom.current().nextInt(FIRST_PORT, LAST_PORT);
      if (chosen.contains(port) || !ISSUED.add(port)) {
        continue;
      }
      try (ServerSocket s = new ServerSocket(port, 1, loopback)) {
        chosen.add(port);
      } catch (IOException inUse) {
        // taken: try another
      }
    }
    if (chosen.size() < n) {
      throw new IOException("no " + n + " free ports in " + FIRST_PORT + ".." + LAST_PORT);
    }
    return chosen.stream().mapToInt(Integer::intValue).toArray();
  }

  /** The single member that leads, once exactly one of the candidates does. */
  public static EmbeddedEtcd awaitLeader(List<EmbeddedEtcd> candidates, Duration deadline)
      throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (System.nanoTime() < end) {
      List<EmbeddedEtcd> leaders = candidates.stream().filter(m -> m.server().isLeader()).toList();
      if (leaders.size() == 1) {
        return leaders.get(0);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no single leader within " + deadline);
  }
}
