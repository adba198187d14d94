package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Go flag syntax, environment variables, defaults and validation (SPEC FLG-001..010). */
class EtcdFlagsTest {
  /** FLG-001: the four spellings of a flag with a value. */
  @ParameterizedTest
  @ValueSource(strings = {"-name n1", "-name=n1", "--name n1", "--name=n1"})
  void acceptsEveryGoFlagSyntax(String args) throws Exception {
    assertThat(config(args.split(" ")).name()).isEqualTo("n1");
  }

  @Test
  void repeatedFlagLastValueWins() throws Exception {
    assertThat(config("--name", "a", "-name=b").name()).isEqualTo("b");
  }

  /**
   * FLG-020, FLG-021, FLG-026, FLG-027, FLG-031, FLG-032, FLG-034, FLG-035, CLU-005, GOT-025:
   * etcd 2.3's defaults, the legacy ports 4001 and 7001 beside the IANA ones, and the member and
   * cluster IDs they hash to.
   */
  @Test
  void defaultsAreEtcd23s() throws Exception {
    ServerConfig c = config();
    assertThat(c.name()).isEqualTo("default");
    assertThat(c.dataDir()).isEqualTo("default.etcd");
    assertThat(c.listenClientUrls())
        .containsExactly(URI.create("http://localhost:2379"), URI.create("http://localhost:4001"));
    assertThat(c.advertiseClientUrls())
        .containsExactly(URI.create("http://localhost:2379"), URI.create("http://localhost:4001"));
    assertThat(c.listenPeerUrls())
        .containsExactly(URI.create("http://localhost:2380"), URI.create("http://localhost:7001"));
    assertThat(c.advertisePeerUrls())
        .containsExactly(URI.create("http://localhost:2380"), URI.create("http://localhost:7001"));
    assertThat(c.initialCluster())
        .containsExactly(
            Map.entry("default", List.of("http://localhost:2380", "http://localhost:7001")));
    assertThat(c.clusterToken()).isEqualTo("etcd-cluster");
    assertThat(Long.toHexString(c.memberId())).isEqualTo("ce2a822cea30bfca");
    assertThat(Long.toHexString(c.clusterId())).isEqualTo("7e27652122e8b2ae");
    assertThat(config("--name", "x").dataDir()).isEqualTo("x.etcd");
    assertThat(config("--name", "x").initialCluster())
        .containsExactly(Map.entry("x", List.of("http://localhost:2380", "http://localhost:7001")));
    // CLU-011: without --initial-cluster, the name with each advertised peer URL (etcd 2.3 kept
    // its localhost pair here and then refused to start; 3.4 and this member start alone).
    assertThat(
            config("--name", "x", "--initial-advertise-peer-urls", "http://127.0.0.1:12380")
                .initialCluster())
        .containsExactly(Map.entry("x", List.of("http://127.0.0.1:12380")));
  }

  /**
   * FLG-038, RFT-009: etcd 3.4's --initial-election-tick-advance, on unless set false, which a
   * member of several then honours by ticking from zero.
   */
  @Test
  void electionTickAdvanceIsOnUnlessTurnedOff() throws Exception {
    assertThat(config().electionTickAdvance()).isTrue();
    assertThat(config("--initial-election-tick-advance=false").electionTickAdvance()).isFalse();
    assertThat(config("--initial-election-tick-advance").electionTickAdvance()).isTrue();
  }

  /**
   * OTH-014: the command line as {@code /debug/vars} shows it, Go's {@code os.Args}: {@code etcd},
   * then the arguments as given; the environment is not part of it.
   */
  @Test
  void commandLineIsEtcdThenTheArguments() throws Exception {
    String[] args = {"--name", "n1", "-data-dir=d"};
    EtcdFlags flags = EtcdFlags.parse(args, Map.of("ETCD_SNAPSHOT_COUNT", "5"), l -> {});

    assertThat(flags.toConfig().commandLine())
        .containsExactly("etcd", "--name", "n1", "-data-dir=d");
    assertThat(config().commandLine()).containsExactly("etcd");
  }

  /** The benchmark's command line starts (brief: etcd 3.4 style flags). */
  @Test
  void acceptsTheReferenceCommandLine() throws Exception {
    ServerConfig c =
        config(
            "--enable-v2", "--name", "n1", "--data-dir", "d", "--listen-client-urls",
            "http://127.0.0.1:2379", "--advertise-client-urls", "http://127.0.0.1:2379",
            "--listen-peer-urls", "http://127.0.0.1:2380", "--initial-advertise-peer-urls",
            "http://127.0.0.1:2380", "--initial-cluster", "n1=http://127.0.0.1:2380",
            "--initial-cluster-token", "t", "--initial-cluster-state", "new");
    assertThat(c.dataDir()).isEqualTo("d");
    assertThat(c.initialCluster()).containsEntry("n1", List.of("http://127.0.0.1:2380"));
  }

  /** FLG-001: booleans take no separate value; --flag=false works. */
  @Test
  void booleansTakeOnlyAttachedValues() throws Exception {
    assertThat(flags("--version").versionRequested()).isTrue();
    assertThat(flags("--version=false").versionRequested()).isFalse();
    assertThat(flags("-version=1").versionRequested()).isTrue();
    assertThatThrownBy(() -> flags("--version", "false"))
        .isInstanceOfSatisfying(
            FlagException.class, e -> assertThat(e.exitCode()).isEqualTo(1));
  }

  /** FLG-003: unknown flags exit 2, positional arguments exit 1, -h is help. */
  @Test
  void reportsFlagErrorsWithEtcdsExitCodes() {
    assertThatThrownBy(() -> flags("--nope"))
        .isInstanceOfSatisfying(
            FlagException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(2);
              assertThat(e.getMessage()).isEqualTo("flag provided but not defined: -nope");
            });
    assertThatThrownBy(() -> flags("stray"))
        .isInstanceOfSatisfying(
            FlagException.class,
            e -> assertThat(e.getMessage()).isEqualTo("'stray' is not a valid flag"));
    assertThatThrownBy(() -> flags("--name"))
        .isInstanceOfSatisfying(
            FlagException.class, e -> assertThat(e.getMessage()).isEqualTo("flag needs an argument: -name"));
    assertThatThrownBy(() -> flags("-h")).isInstanceOf(GoFlagArgs.HelpRequested.class);
  }

  /**
   * FLG-003: the help lists the flags a user sets under etcd's section names, each with its
   * default, and leaves out the hidden and legacy ones.
   */
  @Test
  void helpListsEachFlagWithItsDefault() {
    String help = EtcdFlags.usage();
    assertThat(help)
        .startsWith("usage: etcd [flags]\n")
        .contains("member flags:", "clustering flags:", "proxy flags:", "security flags:")
        .contains(
            "\t--snapshot-count '10000'\n",
            "\t--initial-cluster-state 'new'\n",
            "\t--data-dir '${name}.etcd'\n",
            "\t--peer-client-cert-auth 'false'\n")
        .doesNotContain("--peer-heartbeat-interval", "--enable-v2", "--version '");
  }

  /** FLG-005, FLG-010, GOT-018: invalid configurations (the initial cluster's: BootstrapCheck). */
  @Test
  void validatesTheConfiguration() throws Exception {
    assertThatThrownBy(() -> config("--election-timeout", "400"))
        .hasMessage("-election-timeout[400ms] should be at least as 5 times as -heartbeat-interval[100ms]");
    assertThat(config("--election-timeout", "500").electionMs()).isEqualTo(500);
    assertThatThrownBy(() -> config("--election-timeout", "50001"))
        .isInstanceOfSatisfying(FlagException.class, e -> assertThat(e.exitCode()).isEqualTo(1))
        .hasMessage("-election-timeout[50001ms] is too long, and should be set less than 50000ms");
    assertThat(config("--election-timeout", "50000").electionMs()).isEqualTo(50000);
    assertThatThrownBy(() -> config("--listen-client-urls", "http://127.0.0.1:1"))
        .hasMessage("-advertise-client-urls is required when -listen-client-urls is set explicitly");
    assertThatThrownBy(
            () -> config("--listen-client-urls", "ftp://x:1", "--advertise-client-urls", "http://x:1"))
        .hasMessageContaining("URL scheme must be http, https, unix, or unixs: ftp://x:1");
    assertThatThrownBy(() -> config("--initial-cluster-state", "maybe"))
        .isInstanceOfSatisfying(FlagException.class, e -> assertThat(e.exitCode()).isEqualTo(2));
    assertThatThrownBy(() -> config("--snapshot-count", "x"))
        .hasMessage("invalid value \"x\" for flag -snapshot-count: parse error");
  }

  /** FLG-002: ETCD_* fills flags not given; a flag shadows its variable. */
  @Test
  void readsEtcdEnvironmentVariables() throws Exception {
    List<String> lines = new ArrayList<>();
    Map<String, String> env =
        Map.of("ETCD_NAME", "envname", "ETCD_DATA_DIR", "envdir", "ETCD_BOGUS", "1", "ETCD_CORS", "");
    ServerConfig c = EtcdFlags.parse(new String[] {"--data-dir", "flagdir"}, env, lines::add).toConfig();
    assertThat(c.name()).isEqualTo("envname");
    assertThat(c.dataDir()).isEqualTo("flagdir");
    assertThat(lines)
        .contains(
            "I|recognized and used environment variable ETCD_NAME=envname",
            "W|unrecognized environment variable ETCD_BOGUS=1")
        .anyMatch(l -> l.startsWith("I|recognized environment variable ETCD_DATA_DIR, but unused"));
  }

  /** FLG-006: legacy flags are accepted and reported as ignored. */
  @Test
  void acceptsLegacyFlags() throws Exception {
    EtcdFlags f = flags("-peer-heartbeat-interval", "5", "-v");
    assertThat(f.ignoredFlags()).containsExactly("peer-heartbeat-interval", "v");
  }

  private static EtcdFlags flags(String... args) throws Exception {
    return EtcdFlags.parse(args, Map.of(), line -> {});
  }

  private static ServerConfig config(String... args) throws Exception {
    return flags(args).toConfig();
  }
}
