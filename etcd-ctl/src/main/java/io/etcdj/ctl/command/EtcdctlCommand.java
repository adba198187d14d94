package io.etcdj.ctl.command;

import java.util.List;

/**
 * The top-level {@code etcdctl} command: the global options of etcdctl v2 (CTL-001), in the order
 * its help lists them, the commands, and the values one command line gave the options. Long options
 * also accept Go's single dash form ({@code -endpoints}), as etcdctl's flag parser does.
 *
 * <p>Not thread-safe: one per run, holding that run's parsed global options.
 */
public final class EtcdctlCommand {
  /** Printed by {@code --version}; the CLI follows etcdctl 2.3 (CTL-009). */
  public static final String VERSION = "2.3.8";

  static final Flag DEBUG =
      Flag.bool("debug", "output cURL commands which can be used to reproduce the request");
  static final Flag NO_SYNC =
      Flag.bool("no-sync", "don't synchronize cluster information before sending request");
  static final Flag OUTPUT =
      Flag.string(
          "output, o",
          "simple",
          "output response in the given format (`simple`, `extended` or `json`)");
  static final Flag DISCOVERY_SRV =
      Flag.string(
          "discovery-srv, D",
          "",
          "domain name to query for SRV records describing cluster endpoints");
  static final Flag PEERS =
      Flag.string("peers, C", "", "DEPRECATED - \"--endpoints\" should be used instead");
  static final Flag ENDPOINT =
      Flag.string("endpoint", "", "DEPRECATED - \"--endpoints\" should be used instead");
  static final Flag ENDPOINTS =
      Flag.string(
          "endpoints",
          "",
          "a comma-delimited list of machine addresses in the cluster (default:"
              + " \"http://127.0.0.1:2379,http://127.0.0.1:4001\")");
  static final Flag CERT_FILE =
      Flag.string("cert-file", "", "identify HTTPS client using this SSL certificate file");
  static final Flag KEY_FILE =
      Flag.string("key-file", "", "identify HTTPS client using this SSL key file");
  static final Flag CA_FILE =
      Flag.string(
          "ca-file", "", "verify certificates of HTTPS-enabled servers using this CA bundle");
  static final Flag USERNAME =
      Flag.string(
          "username, u", "", "provide username[:password] and prompt if password is not supplied.");
  static final Flag TIMEOUT = Flag.duration("timeout", "1s", "connection timeout per request");
  static final Flag TOTAL_TIMEOUT =
      Flag.duration("total-timeout", "5s", "timeout for the command execution (except watch)");
  static final Flag VERSION_FLAG = Flag.bool("version, v", "print the version");

  /** The app: global options and commands, in the order etcdctl's help lists them. */
  static final CommandDef APP =
      CommandDef.app(
          "etcdctl",
          "A simple command line client for etcd.",
          List.of(
              DEBUG,
              NO_SYNC,
              OUTPUT,
              DISCOVERY_SRV,
              PEERS,
              ENDPOINT,
              ENDPOINTS,
              CERT_FILE,
              KEY_FILE,
              CA_FILE,
              USERNAME,
              TIMEOUT,
              TOTAL_TIMEOUT,
              Flag.HELP,
              VERSION_FLAG),
          BackupCommand.DEF,
          ClusterHealthCommand.DEF,
          MkCommand.DEF,
          MkdirCommand.DEF,
          RmCommand.DEF,
          RmdirCommand.DEF,
          GetCommand.DEF,
          LsCommand.DEF,
          SetCommand.DEF,
          SetdirCommand.DEF,
          UpdateCommand.DEF,
          UpdatedirCommand.DEF,
          WatchCommand.DEF,
          ExecWatchCommand.DEF,
          MemberCommand.DEF,
          UserCommand.DEF,
          RoleCommand.DEF,
          AuthCommand.DEF,
          HelpCommand.DEF,
          CompletionCommand.DEF);

  private final Terminal terminal;
  private final FlagSet globals;
  private Session session;

  EtcdctlCommand(Terminal terminal, FlagSet globals) {
    this.terminal = terminal;
    this.globals = globals;
  }

  /** The per-run session, built on first use from the parsed global options. */
  Session session() {
    if (session == null) {
      session = new Session(globals, terminal);
    }
    return session;
  }

  Terminal terminal() {
    return terminal;
  }
}
