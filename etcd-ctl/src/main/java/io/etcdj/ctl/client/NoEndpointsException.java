package io.etcdj.ctl.client;

/**
 * Cluster sync found no published client URL (CTL-006).
 *
 * <p>Immutable; thread-safe.
 */
public final class NoEndpointsException extends EtcdClientException {
  private static final long serialVersionUID = 1L;

  public NoEndpointsException() {
    super("client: no endpoints available");
  }
}
