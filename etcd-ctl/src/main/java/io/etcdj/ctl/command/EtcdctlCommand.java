package io.etcdj.ctl.command;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The top-level {@code etcdctl} command: the global options of etcdctl v2 (CTL-001) and the list of
 * subcommands, in the order etcdctl's help lists them. Long options also accept Go's single dash
 * form ({@code -endpoints}), as etcdctl's flag parser does.
 *
 * <p>Not thread-safe: picocli fills the fields once per run, then one command reads them.
 */
@Command(name = "etcdctl", description = "A simple command line client for etcd.")
public final class EtcdctlCommand {
  /**
   * The subcommands, in the order etcdctl's help lists them. Not in the {@code @Command}
   * annotation: picocli would build every one's model on each run (a fifth of a second of a
   * command), where a run needs only the one it names ({@link SubcommandChoice}).
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          BackupCommand.class,
          ClusterHealthCommand.class,
          MkCommand.class,
          MkdirCommand.class,
          RmCommand.class,
          RmdirCommand.class,
          GetCommand.class,
          LsCommand.class,
          SetCommand.class,
          SetdirCommand.class,
          UpdateCommand.class,
          UpdatedirCommand.class,
          WatchCommand.class,
          ExecWatchCommand.class,
          MemberCommand.class,
          UserCommand.class,
          RoleCommand.class,
          AuthCommand.class,
          HelpCommand.class,
          CompletionCommand.class);

  /** Printed by {@code --version}; the CLI follows etcdctl 2.3 (CTL-009). */
  public static final String VERSION = "2.3.8";

  private final Terminal terminal;

  @Option(
      names = {"--debug", "-debug"},
      description = "output cURL commands which can be used to reproduce the request")
  boolean debug;

  @Option(
      names = {"--no-sync", "-no-sync"},
      description = "don't synchronize cluster information before sending request")
  boolean noSync;

  @Option(
      names = {"--output", "-output", "-o", "--o"},
      defaultValue = "simple",
      paramLabel = "simple",
      description = "output response in the given format (`simple`, `extended` or `json`)")
  String output;

  @Option(
      names = {"--discovery-srv", "-discovery-srv", "-D", "--D"},
      defaultValue = "",
      description = "domain name to query for SRV records describing cluster endpoints")
  String discoverySrv;

  @Option(
      names = {"--peers", "-peers", "-C", "--C"},
      defaultValue = "",
      description = "DEPRECATED - \"--endpoints\" should be used instead")
  String peers;

  @Option(
      names = {"--endpoint", "-endpoint"},
      defaultValue = "",
      description = "DEPRECATED - \"--endpoints\" should be used instead")
  String endpoint;

  @Option(
      names = {"--endpoints", "-endpoints"},
      defaultValue = "",
      description =
          "a comma-delimited list of machine addresses in the cluster (default:"
              + " \"http://127.0.0.1:2379,http://127.0.0.1:4001\")")
  String endpoints;

  @Option(
      names = {"--cert-file", "-cert-file"},
      defaultValue = "",
      description = "identify HTTPS client using this SSL certificate file")
  String certFile;

  @Option(
      names = {"--key-file", "-key-file"},
      defaultValue = "",
      description = "identify HTTPS client using this SSL key file")
  String keyFile;

  @Option(
      names = {"--ca-file", "-ca-file"},
      defaultValue = "",
      description = "verify certificates of HTTPS-enabled servers using this CA bundle")
  String caFile;

  @Option(
      names = {"--username", "-username", "-u", "--u"},
      defaultValue = "",
      description = "provide username[:password] and prompt if password is not supplied.")
  String username;

  @Option(
      names = {"--timeout", "-timeout"},
      defaultValue = "1s",
      converter = GoDuration.class,
      description = "connection timeout per request")
  Duration timeout;

  @Option(
      names = {"--total-timeout", "-total-timeout"},
      defaultValue = "5s",
      converter = GoDuration.class,
      description = "timeout for the command execution (except watch)")
  Duration totalTimeout;

  @Option(
      names = {"--help", "-help", "-h", "--h"},
      usageHelp = true,
      description = "show help")
  boolean help;

  @Option(
      names = {"--version", "-version", "-v", "--v"},
      versionHelp = true,
      description = "print the version")
  boolean version;

  private Session session;

  public EtcdctlCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  /** The per-run session, built on first use from the parsed global options. */
  Session session() {
    if (session == null) {
      session = new Session(this, terminal);
    }
    return session;
  }

  Terminal terminal() {
    return terminal;
  }
}
