package io.etcdj.ctl.command;

import io.etcdj.ctl.client.ApiError;
import io.etcdj.ctl.client.ClientConfig;
import io.etcdj.ctl.client.ClusterClient;
import io.etcdj.ctl.client.Deadline;
import io.etcdj.ctl.client.EtcdClientException;
import io.etcdj.ctl.client.NoEndpointsException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.naming.NamingException;

/**
 * One run of etcdctl: resolves the global options and environment into a client (CTL-001..008), and
 * offers the shared printer and error handler to the commands.
 *
 * <p>Not thread-safe: used by the one thread that runs the command.
 */
final class Session {
  private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(30);
  private static final String DEFAULT_ENDPOINTS = "http://127.0.0.1:2379,http://127.0.0.1:4001";

  private final FlagSet options;
  private final Terminal terminal;
  private final ErrorHandler errors;

  /**
   * @param options the global options this run was given ({@link EtcdctlCommand}'s flags)
   */
  Session(FlagSet options, Terminal terminal) {
    this.options = options;
    this.terminal = terminal;
    this.errors = new ErrorHandler(terminal.err());
  }

  PrintStream out() {
    return terminal.out();
  }

  PrintStream err() {
    return terminal.err();
  }

  Terminal terminal() {
    return terminal;
  }

  ErrorHandler errors() {
    return errors;
  }

  String output() {
    return options.string(EtcdctlCommand.OUTPUT);
  }

  boolean debug() {
    return options.bool(EtcdctlCommand.DEBUG);
  }

  ResponsePrinter printer() {
    return new ResponsePrinter(terminal.out(), terminal.err(), output());
  }

  private Duration totalTimeout() {
    return options.duration(EtcdctlCommand.TOTAL_TIMEOUT);
  }

  /** The budget of a whole command except watches ({@code --total-timeout}). */
  Deadline deadline() {
    return Deadline.after(totalTimeout());
  }

  /**
   * A client after cluster sync unless {@code --no-sync} (CTL-006); sync failures end the command
   * with exit 4 (no published endpoints) or 2 (connection failure).
   */
  ClusterClient client() throws InterruptedException {
    ClusterClient c = newClient();
    boolean debug = debug();
    PrintStream err = terminal.err();
    if (!options.bool(EtcdctlCommand.NO_SYNC)) {
      if (debug) {
        err.print(
            "start to sync cluster using endpoints(" + String.join(",", c.endpoints()) + ")\n");
      }
      try {
        c.sync(deadline());
      } catch (NoEndpointsException e) {
        err.print("etcd cluster has no published client endpoints.\n");
        err.print(
            "Try '--no-sync' if you want to access non-published client endpoints("
                + String.join(",", c.endpoints())
                + ").\n");
        throw errors.handle(ExitCodes.SERVER_ERROR, e);
      } catch (EtcdClientException e) {
        if (e.isConnectionError()) {
          throw errors.handle(ExitCodes.BAD_CONNECTION, e);
        }
        // Other sync failures are ignored: the request itself will report the problem.
      }
      if (debug) {
        err.print("got endpoints(" + String.join(",", c.endpoints()) + ") after sync\n");
      }
    }
    if (debug) {
      err.print("Cluster-Endpoints: " + String.join(", ", c.endpoints()) + "\n");
    }
    return c;
  }

  /** A client on the given endpoints without sync ({@code cluster-health}). */
  ClusterClient clientNoSync() {
    ClusterClient c = newClient();
    if (debug()) {
      terminal.err().print("Cluster-Endpoints: " + String.join(", ", c.endpoints()) + "\n");
    }
    return c;
  }

  private ClusterClient newClient() {
    try {
      String user = null;
      String password = null;
      String flag = orEnv(options.string(EtcdctlCommand.USERNAME), "ETCDCTL_USERNAME");
      if (!flag.isEmpty()) {
        int colon = flag.indexOf(':');
        if (colon < 0) {
          user = flag;
          password = terminal.askPassword("Password: ");
        } else {
          user = flag.substring(0, colon);
          password = flag.substring(colon + 1);
        }
      }
      Duration dial = DIAL_TIMEOUT;
      Duration total = totalTimeout();
      if (!total.isZero() && total.compareTo(dial) < 0) {
        dial = total;
      }
      ClientConfig config =
          new ClientConfig(
              endpoints(),
              options.duration(EtcdctlCommand.TIMEOUT),
              dial,
              user,
              password,
              new ClientConfig.TlsFiles(
                  orEnv(options.string(EtcdctlCommand.CA_FILE), "ETCDCTL_CA_FILE"),
                  orEnv(options.string(EtcdctlCommand.CERT_FILE), "ETCDCTL_CERT_FILE"),
                  orEnv(options.string(EtcdctlCommand.KEY_FILE), "ETCDCTL_KEY_FILE")),
              debug() ? terminal.err() : null);
      return new ClusterClient(config);
    } catch (EtcdClientException | IOException | IllegalArgumentException e) {
      terminal.err().print(e.getMessage() + "\n");
      throw new ExitException(ExitCodes.BAD_ARGS);
    }
  }

  private String orEnv(String flag, String env) {
    return flag.isEmpty() ? terminal.getenv(env) : flag;
  }

  /** CTL-002: the endpoint list by precedence; SRV discovery wins when it finds any. */
  private List<URI> endpoints() throws EtcdClientException {
    List<String> eps = discovered();
    if (eps.isEmpty()) {
      String s = options.string(EtcdctlCommand.ENDPOINTS);
      for (String next :
          new String[] {
            terminal.getenv("ETCDCTL_ENDPOINTS"),
            options.string(EtcdctlCommand.ENDPOINT),
            terminal.getenv("ETCDCTL_ENDPOINT"),
            options.string(EtcdctlCommand.PEERS),
            terminal.getenv("ETCDCTL_PEERS"),
            DEFAULT_ENDPOINTS
          }) {
        if (!s.isEmpty()) {
          break;
        }
        s = next;
      }
      eps = List.of(s.split(",", -1));
    }
    List<URI> out = new ArrayList<>();
    for (String ep : eps) {
      out.add(parseEndpoint(ep));
    }
    return out;
  }

  /**
   * CTL-002: an endpoint without scheme gets {@code http://}; like Go's URL parser, a bare {@code
   * host:port} whose host starts with a digit is refused.
   */
  private static URI parseEndpoint(String ep) throws EtcdClientException {
    if (ep.contains("://")) {
      return URI.create(ep);
    }
    String first = ep.split("/", 2)[0];
    if (!ep.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") && first.contains(":")) {
      throw new ApiError("parse \"" + ep + "\": first path segment in URL cannot contain colon");
    }
    return URI.create("http://" + ep);
  }

  private List<String> discovered() throws EtcdClientException {
    String domain = orEnv(options.string(EtcdctlCommand.DISCOVERY_SRV), "ETCDCTL_DISCOVERY_SRV");
    if (domain.isEmpty()) {
      return List.of();
    }
    try {
      return SrvDiscovery.discover(domain, terminal.getenv("ETCDCTL_DISCOVERY_SRV_NAME"));
    } catch (NamingException e) {
      throw new ApiError("lookup _etcd-client._tcp." + domain + " on DNS: no such host");
    }
  }
}
