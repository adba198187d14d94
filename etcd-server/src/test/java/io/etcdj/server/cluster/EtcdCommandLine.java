package io.etcdj.server.cluster;

import io.etcdj.server.EtcdFlags;
import io.etcdj.server.EtcdMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starting a member or a proxy the way {@code etcd <flags>} does: the flags go through {@link
 * EtcdFlags} (no environment) and {@link EtcdMain} decides what runs (a member, a proxy, or a
 * discovery fallback), so tests see the same checks and errors a user would.
 *
 * <p>Thread-safety: stateless.
 */
final class EtcdCommandLine {
  private EtcdCommandLine() {}

  /**
   * A member's name, data dir ({@code <name>.etcd} under {@code dir}) and URLs, each URL both
   * listened on and advertised; the bootstrap flags ({@code --initial-cluster}, {@code
   * --discovery}, ...) are the caller's.
   */
  static List<String> memberFlags(Path dir, String name, String clientUrl, String peerUrl) {
    return new ArrayList<>(
        List.of(
            "--name", name,
            "--data-dir", dir.resolve(name + ".etcd").toString(),
            "--listen-client-urls", clientUrl,
            "--advertise-client-urls", clientUrl,
            "--listen-peer-urls", peerUrl,
            "--initial-advertise-peer-urls", peerUrl));
  }

  /** Fast elections for loopback members: 50 ms ticks, 10 ticks per election timeout (FLG-008). */
  static List<String> fastElections() {
    return List.of("--heartbeat-interval", "50", "--election-timeout", "500");
  }

  /** Parses {@code flags} and starts what they describe; flag errors surface unchecked. */
  static AutoCloseable start(List<String> flags) {
    try {
      return EtcdMain.start(parse(flags).toConfig());
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** {@link #start(List)} with DNS SRV questions sent to {@code dnsServer} ({@code host:port}). */
  static AutoCloseable start(List<String> flags, String dnsServer) {
    try {
      return EtcdMain.start(parse(flags).toConfig(), dnsServer);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static EtcdFlags parse(List<String> flags) throws Exception {
    return EtcdFlags.parse(flags.toArray(String[]::new), Map.of(), line -> {});
  }
}
