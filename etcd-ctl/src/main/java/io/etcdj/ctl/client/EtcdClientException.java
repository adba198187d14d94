package io.etcdj.ctl.client;

/**
 * Base of every failure the etcd client reports. The message is the exact text etcd's Go client
 * would print for the same failure, because etcdctl prints it verbatim (CTL-021).
 *
 * <p>Immutable; thread-safe.
 */
public class EtcdClientException extends Exception {
  private static final long serialVersionUID = 1L;

  public EtcdClientException(String message) {
    super(message, null, false, false);
  }

  /**
   * True when the failure means no member could be reached (refused, unreachable, timed out), which
   * etcdctl reports with exit code 2 during cluster sync (CTL-006) and which watchers retry.
   */
  public boolean isConnectionError() {
    return false;
  }
}
