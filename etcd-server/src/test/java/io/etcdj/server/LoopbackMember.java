package io.etcdj.server;

import java.nio.file.Path;

/**
 * Starts an in-process single member for tests on 127.0.0.1 with free ports for clients and
 * peers, so tests never collide with each other or with a member on the default ports.
 *
 * <p>Thread-safety: stateless.
 */
public final class LoopbackMember {
  private LoopbackMember() {}

  /** {@code name} and {@code dataDir} as the flags of those names; {@code extra} flags follow. */
  public static EmbeddedEtcd start(String name, Path dataDir, String... extra) {
    String[] base = {
      "--name", name,
      "--data-dir", dataDir.toString(),
      "--listen-client-urls", "http://127.0.0.1:0",
      "--advertise-client-urls", "http://127.0.0.1:0",
      "--listen-peer-urls", "http://127.0.0.1:0"
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return EmbeddedEtcd.start(all);
  }
}
