package io.etcdj.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * etcd 2.3's command line (SPEC 5.2): Go flag syntax is read by {@link GoFlagArgs}, then the {@code
 * ETCD_*} environment fills the flags not given (FLG-002), then every other flag takes its default
 * ({@link EtcdFlag}). {@link #toConfig()} validates and builds the {@link ServerConfig}.
 *
 * <p>Thread-safety: not thread-safe; used once by the main thread.
 */
public final class EtcdFlags {
  private static final Set<String> KNOWN = new HashSet<>();
  private static final Set<String> BOOLEANS = new HashSet<>();

  static {
    for (EtcdFlag f : EtcdFlag.values()) {
      KNOWN.add(f.goName);
      if (f.isBoolean) {
        BOOLEANS.add(f.goName);
      }
    }
  }

  /** Flags given on the command line or through the environment, in order. */
  private final Map<String, String> given;

  /** The command line as given, flags and all (not the environment). */
  private final List<String> args;

  /** {@code --version} on the command line; etcd reads it before the environment (FLG-004). */
  private final boolean versionRequested;

  private EtcdFlags(Map<String, String> given, List<String> args, boolean versionRequested) {
    this.given = given;
    this.args = args;
    this.versionRequested = versionRequested;
  }

  /**
   * Reads the command line and the environment.
   *
   * @param env the process environment ({@code ETCD_*} entries are used)
   * @param log receives etcd's "recognized environment variable" lines (FLG-002)
   */
  public static EtcdFlags parse(String[] args, Map<String, String> env, Consumer<String> log)
      throws FlagException, GoFlagArgs.HelpRequested {
    Map<String, String> given = GoFlagArgs.parse(args, KNOWN, BOOLEANS);
    boolean version = GoFlagArgs.goBool(given.getOrDefault(EtcdFlag.VERSION.goName, "false"));
    for (Map.Entry<String, String> e : env.entrySet()) {
      String var = e.getKey();
      if (!var.startsWith("ETCD_")) {
        continue;
      }
      EtcdFlag flag = EtcdFlag.forEnvironmentVariable(var);
      if (flag == null) {
        log.accept("W|unrecognized environment variable " + var + "=" + e.getValue());
        continue;
      }
      if (e.getValue().isEmpty()) {
        continue;
      }
      if (given.containsKey(flag.goName)) {
        log.accept(
            "I|recognized environment variable "
                + var
                + ", but unused: shadowed by corresponding"
                + " flag ");
        continue;
      }
      if (flag.isBoolean && !GoFlagArgs.isGoBool(e.getValue())) {
        throw new FlagException(
            "invalid value \"" + e.getValue() + "\" for flag -" + flag.goName + ": parse error", 2);
      }
      log.accept("I|recognized and used environment variable " + var + "=" + e.getValue());
      given.put(flag.goName, e.getValue());
    }
    return new EtcdFlags(given, List.of(args), version);
  }

  /** The flag's value: as given, or its default. */
  String get(EtcdFlag flag) {
    return given.getOrDefault(flag.goName, flag.defaultValue);
  }

  /** A boolean flag's value (FLG-001: Go's spellings of true). */
  boolean isSet(EtcdFlag flag) {
    return GoFlagArgs.goBool(get(flag));
  }

  /** The help printed for {@code -h} and after flag errors (FLG-003). */
  public static String usage() {
    StringBuilder b = new StringBuilder();
    b.append(
        """
        usage: etcd [flags]
               start an etcd server (v2 keys API)

               etcd --version
               show the version of etcd

               etcd -h | --help
               show the help information about etcd

        Flags take Go's syntax: -name value, -name=value, --name value or --name=value (a
        boolean flag alone means true). ETCD_<NAME> in the environment sets a flag not given,
        e.g. ETCD_DATA_DIR for --data-dir.
        """);
    EtcdFlag.Section section = null;
    for (EtcdFlag f : EtcdFlag.values()) {
      if (f.section.title == null) {
        continue;
      }
      if (f.section != section) {
        section = f.section;
        b.append("\n").append(section.title).append(" flags:\n\n");
      }
      String shown = f == EtcdFlag.DATA_DIR ? "${name}.etcd" : f.defaultValue;
      b.append("\t--").append(f.goName).append(" '").append(shown).append("'\n");
      b.append("\t\t").append(f.help).append('\n');
    }
    return b.toString();
  }

  /** True if {@code --debug} was given: every package logs at debug level (FLG-044). */
  public boolean debugRequested() {
    return isSet(EtcdFlag.DEBUG);
  }

  /** True if {@code --version} was on the command line: {@code ETCD_VERSION} prints nothing. */
  public boolean versionRequested() {
    return versionRequested;
  }

  /** Legacy flags given, which etcd accepts and ignores with a warning (FLG-006). */
  public List<String> ignoredFlags() {
    List<String> ignored = new ArrayList<>();
    for (String name : given.keySet()) {
      EtcdFlag flag = EtcdFlag.named(name);
      if (flag.section == EtcdFlag.Section.LEGACY
          && flag != EtcdFlag.PEERS
          && flag != EtcdFlag.PEERS_FILE) {
        ignored.add(name);
      }
    }
    return ignored;
  }

  /**
   * What a Go program finds in {@code os.Args}: the program's name, then the arguments. The name
   * is {@code etcd}, as a shell passes it when the command is found on the {@code PATH}: the JVM
   * does not see how the process was started (scripts/etcd, java -jar), and its own command line
   * names java and the jar.
   */
  List<String> commandLine() {
    List<String> line = new ArrayList<>();
    line.add("etcd");
    line.addAll(args);
    return line;
  }

  /** True if the flag was given on the command line or through the environment. */
  boolean isGiven(EtcdFlag flag) {
    return given.containsKey(flag.goName);
  }

  /**
   * Validates the flags and builds the configuration (FLG-005, FLG-010, CLU-010..012); the initial
   * cluster itself is checked later, by a member that finds no WAL ({@link BootstrapCheck}).
   */
  public ServerConfig toConfig() throws FlagException {
    return ServerConfigBuilder.build(this);
  }
}
