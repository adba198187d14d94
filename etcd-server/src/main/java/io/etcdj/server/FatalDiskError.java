package io.etcdj.server;

import java.io.IOException;

/**
 * A write to the data dir failed where etcd gives up (its {@code plog.Fatalf}): the WAL append of
 * a Ready, a {@code .snap} file, the WAL marker after it. The message is etcd's line, e.g. {@code
 * raft save state and entries error: write /d/member/wal/0000000000000000-0000000000000000.wal: no
 * space left on device}. A member that cannot make its log durable must not go on acknowledging
 * writes, so it stops ({@link EtcdServer#failed()}); the process exits 1 as etcd's does.
 */
final class FatalDiskError extends IOException {
  /** @param what etcd's words before the cause, e.g. {@code raft save state and entries error} */
  FatalDiskError(String what, IOException cause) {
    super(what + ": " + cause.getMessage(), cause);
  }
}
