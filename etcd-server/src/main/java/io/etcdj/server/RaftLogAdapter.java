package io.etcdj.server;

import io.etcdj.raft.RaftLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends raft's state changes ("1 became leader at term 2") to the {@code raft} capnslog package, as
 * etcd prints them.
 *
 * <p>Thread-safety: stateless; SLF4J loggers are thread-safe.
 */
final class RaftLogAdapter implements RaftLogger {
  private static final Logger LOG = LoggerFactory.getLogger("raft");

  @Override
  public void info(String message) {
    LOG.info("{}", message);
  }

  @Override
  public void warn(String message) {
    LOG.warn("{}", message);
  }

  @Override
  public void debug(String message) {
    LOG.debug("{}", message);
  }

  @Override
  public boolean isDebugEnabled() {
    return LOG.isDebugEnabled();
  }
}
