package io.etcdj.raft;

/**
 * Where raft reports what it does, in etcd's words ("1 became leader at term 2"). This module
 * has no logging library (it stays pure, STYLE rule 2); the server adapts this to SLF4J.
 *
 * <p>Implementations are called from the thread that drives the {@link RawNode}.
 */
public interface RaftLogger {
  /** Discards everything: the default. */
  RaftLogger NOOP =
      new RaftLogger() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}
      };

  /** State changes: elections won and lost, terms, configuration changes. */
  void info(String message);

  /** Something unexpected that raft recovers from, such as a dropped proposal. */
  void warn(String message);

  /** Detailed tracing; only built when {@link #isDebugEnabled()} is true. */
  default void debug(String message) {}

  default boolean isDebugEnabled() {
    return false;
  }
}
