package io.etcdj.ctl.client;

import io.etcdj.ctl.client.ClusterError.EndpointFailure;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Sends requests to an etcd cluster over HTTP with failover: the pinned endpoint first, then the
 * others in order; the first endpoint that answers becomes pinned (CTL-007). Redirects are followed
 * (up to ten), as by Go's client. Connection failures and 5xx answers move on to the next endpoint;
 * when all fail the caller gets a {@link ClusterError}. {@link #sync} replaces the endpoint list by
 * the members' client URLs (CTL-006).
 *
 * <p>Thread-safe: the endpoint list and pinned index are guarded by this object's monitor; requests
 * themselves run without holding it.
 */
public final class ClusterClient {
  /** How many redirects one request follows (Go's DefaultCheckRedirect). */
  private static final int MAX_REDIRECTS = 10;

  private final HttpTransport http;

  /** The TLS context of every request, or null when no TLS file is named (the JDK's default). */
  private final SSLContext tls;

  private final ClientConfig config;
  private final String authorization;
  private List<URI> endpoints;
  private int pinned;

  public ClusterClient(ClientConfig config) throws EtcdClientException {
    this.config = config;
    this.tls = config.tls().isEmpty() ? null : config.tls().sslContext();
    this.http = new HttpTransport(config.dialTimeout(), tls);
    this.authorization =
        config.username() == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (config.username() + ":" + config.password())
                            .getBytes(StandardCharsets.UTF_8));
    // The Go client shuffles the configured endpoints too, to spread load over members.
    List<URI> eps = new ArrayList<>(config.endpoints());
    Collections.shuffle(eps);
    this.endpoints = List.copyOf(eps);
  }

  /**
   * A probe of members' {@code /health} with this client's TLS files: etcdctl's {@code
   * cluster-health} uses the same transport for it as for the member list (CTL-064).
   */
  public HealthProbe healthProbe(Duration dialTimeout) {
    return new HealthProbe(dialTimeout, tls);
  }

  /** The current endpoint list, as Go prints URLs. */
  public synchronized List<String> endpoints() {
    List<String> out = new ArrayList<>();
    for (URI u : endpoints) {
      out.add(u.toString());
    }
    return out;
  }

  /**
   * Replaces the endpoints by every member's client URLs (CTL-006). An identical set is kept as is;
   * a new set is shuffled, as the Go client does to spread load.
   *
   * @throws NoEndpointsException when no member published a client URL
   */
  public void sync(Deadline deadline) throws EtcdClientException, InterruptedException {
    List<Member> members = new MembersApi(this).list(deadline);
    List<URI> next = new ArrayList<>();
    for (Member m : members) {
      for (String u : m.clientUrls()) {
        next.add(URI.create(u));
      }
    }
    if (next.isEmpty()) {
      throw new NoEndpointsException();
    }
    synchronized (this) {
      List<String> a = sortedStrings(endpoints);
      List<String> b = sortedStrings(next);
      if (a.equals(b)) {
        return;
      }
      Collections.shuffle(next);
      endpoints = List.copyOf(next);
      pinned = 0;
    }
  }

  private static List<String> sortedStrings(List<URI> uris) {
    List<String> s = new ArrayList<>();
    uris.forEach(u -> s.add(u.toString()));
    Collections.sort(s);
    return s;
  }

  /** Sends {@code action} to the endpoints in turn until one answers below 500. */
  public HttpAnswer send(HttpAction action, Deadline deadline)
      throws EtcdClientException, InterruptedException {
    List<URI> eps;
    int start;
    synchronized (this) {
      eps = endpoints;
      start = pinned;
    }
    List<EndpointFailure> failures = new ArrayList<>();
    for (int i = start; i < start + eps.size(); i++) {
      int k = i % eps.size();
      URI ep = eps.get(k);
      HttpAnswer answer;
      // A zero --timeout means no per-request limit, as in etcd's client.
      Duration header = config.headerTimeout();
      Duration limit = action.waits() || header.isZero() || header.isNegative() ? null : header;
      Duration timeout = deadline.cap(limit);
      // When the command's budget, not --timeout, bounds this request, its timeout is Go's
      // context deadline.
      boolean budgetBound = timeout != null && (limit == null || timeout.compareTo(limit) < 0);
      URI contacted = ep;
      try {
        answer = sendOnce(ep, action, timeout);
        // Go's client follows redirects itself, with the same request, up to ten of them.
        for (int followed = 0; answer.status() / 100 == 3; followed++) {
          String location = redirectLocation(answer);
          if (followed == MAX_REDIRECTS) {
            throw new RedirectFailure("client: too many redirects");
          }
          contacted = URI.create(location);
          answer = sendTo(action, location, deadline.cap(limit));
        }
      } catch (RedirectFailure e) {
        failures.add(new EndpointFailure(e.getMessage(), false));
        continue;
      } catch (HttpTransport.DialTimeoutException e) {
        if (budgetBound && deadline.remaining().compareTo(Duration.ofMillis(50)) < 0) {
          throw ApiError.deadlineExceeded();
        }
        failures.add(
            new EndpointFailure("dial tcp " + hostPort(contacted) + ": i/o timeout", true));
        continue;
      } catch (HttpTransport.AnswerTimeoutException e) {
        if (budgetBound || deadline.expired()) {
          throw ApiError.deadlineExceeded();
        }
        failures.add(
            new EndpointFailure("client: endpoint " + ep + " exceeded header timeout", false));
        continue;
      } catch (IOException e) {
        String text = describe(contacted, e);
        failures.add(new EndpointFailure(text, isConnectionFailure(e, text)));
        continue;
      }
      if (answer.status() / 100 == 5) {
        String text =
            answer.status() == 500 || answer.status() == 503
                ? "client: etcd member " + ep + " has no leader"
                : "client: etcd member "
                    + ep
                    + " returns server error ["
                    + StatusText.of(answer.status())
                    + "]";
        failures.add(new EndpointFailure(text, false));
        continue;
      }
      if (k != start) {
        synchronized (this) {
          pinned = k;
        }
      }
      return answer;
    }
    throw new ClusterError(failures);
  }

  private HttpAnswer sendOnce(URI ep, HttpAction action, Duration timeout)
      throws IOException, InterruptedException, EtcdClientException {
    String base = ep.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return sendTo(action, base + action.pathAndQuery(), timeout);
  }

  /** Sends {@code action} to the absolute {@code url}, printing it first with {@code --debug}. */
  private HttpAnswer sendTo(HttpAction action, String url, Duration timeout)
      throws IOException, InterruptedException, EtcdClientException {
    printCurl(action, url);
    URI u = URI.create(url);
    String scheme = u.getScheme() == null ? "" : u.getScheme();
    if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
      // a redirect to a relative or foreign location: Go's transport refuses it so
      throw new RedirectFailure("unsupported protocol scheme " + GoText.quote(scheme));
    }
    if (timeout != null && timeout.isZero()) {
      throw ApiError.deadlineExceeded();
    }
    return http.send(
        action.method(), u, action.body(), action.contentType(), authorization, timeout);
  }

  /** Where a 3xx answer sends the request, as Go's client checks it. */
  private static String redirectLocation(HttpAnswer answer) throws RedirectFailure {
    String location = answer.location();
    if (location == null || location.isEmpty()) {
      throw new RedirectFailure("location header not set");
    }
    try {
      new URI(location);
    } catch (URISyntaxException e) {
      throw new RedirectFailure("location header not valid URL: " + location);
    }
    return location;
  }

  /** A redirect that cannot be followed: the endpoint's failure, not a connection error. */
  private static final class RedirectFailure extends IOException {
    private static final long serialVersionUID = 1L;

    RedirectFailure(String message) {
      super(message);
    }
  }

  /** CTL-008: each request as a curl command on stderr. */
  private void printCurl(HttpAction action, String url) {
    PrintStream debug = config.debug();
    if (debug == null) {
      return;
    }
    String command = "curl -X " + action.method() + " " + url;
    if (action.body() != null) {
      command += " -d " + GoText.quote(action.body());
    }
    debug.print("cURL Command: " + command + "\n");
  }

  private static String hostPort(URI ep) {
    int port = ep.getPort();
    if (port < 0) {
      port = "https".equals(ep.getScheme()) ? 443 : 80;
    }
    return ep.getHost() + ":" + port;
  }

  /**
   * Whether etcdctl counts the failure as a connection error (its isConnectionError: a failed dial
   * or read), which ends a failed sync with exit 2. A TLS failure, a connection closed without an
   * answer ({@code EOF}) or a failed write is not one: the sync's failure is ignored and the
   * request itself reports it, with exit 4.
   */
  private static boolean isConnectionFailure(IOException e, String text) {
    return !(e instanceof javax.net.ssl.SSLException)
        && !text.equals("EOF")
        && !text.contains("Broken pipe");
  }

  /** Go's text for a transport failure, which etcdctl users see in error lines. */
  static String describe(URI ep, Exception e) {
    if (e instanceof ConnectException) {
      return "dial tcp " + hostPort(ep) + ": connect: connection refused";
    }
    if (e instanceof javax.net.ssl.SSLException tls && TlsFailureText.of(ep, tls) != null) {
      return TlsFailureText.of(ep, tls);
    }
    if (e instanceof UnknownHostException) {
      return "dial tcp: lookup " + ep.getHost() + ": no such host";
    }
    String m = e.getMessage();
    if (m == null || m.contains("closed") || m.contains("EOF") || m.contains("end of file")) {
      return "EOF";
    }
    return m;
  }
}
