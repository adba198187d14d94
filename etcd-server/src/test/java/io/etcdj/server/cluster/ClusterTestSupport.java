package io.etcdj.server.cluster;

import io.etcdj.server.EmbeddedEtcd;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

/**
 * What the in-process cluster tests share: free loopback ports for members to listen on, and
 * waiting (polled, with a deadline) for exactly one leader.
 *
 * <p>Thread-safety: stateless.
 */
final class ClusterTestSupport {
  private ClusterTestSupport() {}

  /** n distinct free ports, found by binding port 0 and releasing them all at the end. */
  static int[] freePorts(int n) throws IOException {
    ServerSocket[] sockets = new ServerSocket[n];
    int[] ports = new int[n];
    try {
      for (int i = 0; i < n; i++) {
        sockets[i] = new ServerSocket(0);
        ports[i] = sockets[i].getLocalPort();
      }
    } finally {
      for (ServerSocket s : sockets) {
        if (s != null) {
          s.close();
        }
      }
    }
    return ports;
  }

  /** The single member that leads, once exactly one of the candidates does. */
  static EmbeddedEtcd awaitLeader(List<EmbeddedEtcd> candidates, Duration deadline)
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
