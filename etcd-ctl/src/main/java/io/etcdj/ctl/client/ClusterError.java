package io.etcdj.ctl.client;

import java.util.List;

/**
 * Every endpoint of the cluster failed one request (CTL-007). The message lists each endpoint's
 * failure after the fixed prefix, and {@link #detail()} repeats them one per line, as etcdctl
 * prints them on stderr.
 *
 * <p>Immutable; thread-safe.
 */
public final class ClusterError extends EtcdClientException {
  private static final long serialVersionUID = 1L;
  private static final String UNAVAILABLE = "client: etcd cluster is unavailable or misconfigured";

  private final List<EndpointFailure> failures;

  public ClusterError(List<EndpointFailure> failures) {
    super(render(failures));
    this.failures = List.copyOf(failures);
  }

  private static String render(List<EndpointFailure> failures) {
    StringBuilder s = new StringBuilder(UNAVAILABLE);
    for (int i = 0; i < failures.size(); i++) {
      s.append("; error #").append(i).append(": ").append(failures.get(i).text()).append('\n');
    }
    return s.toString();
  }

  /** One line per endpoint failure, each ending in a newline. */
  public String detail() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < failures.size(); i++) {
      s.append("error #").append(i).append(": ").append(failures.get(i).text()).append('\n');
    }
    return s.toString();
  }

  public List<EndpointFailure> failures() {
    return failures;
  }

  @Override
  public boolean isConnectionError() {
    return !failures.isEmpty() && failures.stream().allMatch(EndpointFailure::connection);
  }

  /**
   * The failure of one endpoint: its Go-style text and whether it was a connection failure (as
   * opposed to a 5xx answer).
   */
  public record EndpointFailure(String text, boolean connection) {}
}
