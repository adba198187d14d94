package io.etcdj.ctl.command;

import io.etcdj.ctl.client.ClusterError;
import io.etcdj.ctl.client.EtcdClientException;
import io.etcdj.ctl.client.KeyResponse;
import io.etcdj.ctl.client.KeysApi;
import java.time.Duration;

/**
 * Successive long-poll waits on one key (CTL-010, CTL-050): each call returns the next event and
 * moves the wait index past it; empty answers are retried silently. With {@code reconnect}, a
 * cluster that cannot be reached (a member restarting) is retried every second from the same index
 * instead of failing, which {@code watch --forever} and {@code exec-watch} need to outlive a member
 * restart.
 *
 * <p>Not thread-safe: owned by the watching command's thread.
 */
final class KeyWatcher {
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private final KeysApi keys;
  private final String key;
  private final boolean recursive;
  private final boolean reconnect;
  private long waitIndex;

  KeyWatcher(KeysApi keys, String key, long afterIndex, boolean recursive, boolean reconnect) {
    this.keys = keys;
    this.key = key;
    this.recursive = recursive;
    this.reconnect = reconnect;
    this.waitIndex = afterIndex == 0 ? 0 : afterIndex + 1;
  }

  /** Blocks until the next event; interrupting the thread ends the wait. */
  KeyResponse next() throws EtcdClientException, InterruptedException {
    while (true) {
      KeyResponse resp;
      try {
        resp = keys.waitOnce(key, waitIndex, recursive);
      } catch (ClusterError e) {
        if (!reconnect) {
          throw e;
        }
        Thread.sleep(RETRY_PAUSE.toMillis());
        continue;
      }
      if (resp == null) {
        continue;
      }
      waitIndex = resp.node().modifiedIndex() + 1;
      return resp;
    }
  }
}
