package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The member flags of etcd 2.3's help (SPEC 5.2): their defaults, a value given on the command
 * line, and the same value given through {@code ETCD_*}.
 */
class MemberFlagsTest {
  /** FLG-022: without --wal-dir the WAL is {@code <data-dir>/member/wal}; with it, that dir. */
  @Test
  void walDirMovesOnlyTheWal() throws Exception {
    assertThat(config("--data-dir", "d").walPath()).isEqualTo(Path.of("d", "member", "wal"));
    ServerConfig c = config("--data-dir", "d", "--wal-dir", "/disk2/wal");
    assertThat(c.walPath()).isEqualTo(Path.of("/disk2/wal"));
    assertThat(c.snapPath()).isEqualTo(Path.of("d", "member", "snap"));
    assertThat(env("ETCD_WAL_DIR", "w").walPath()).isEqualTo(Path.of("w"));
  }

  /** FLG-023: 2.3 snapshots every 10000 applied entries (3.4: 100000). */
  @Test
  void snapshotCountIsTenThousand() throws Exception {
    assertThat(config().snapshotCount()).isEqualTo(10000);
    assertThat(config("--snapshot-count", "5").snapshotCount()).isEqualTo(5);
    assertThat(env("ETCD_SNAPSHOT_COUNT", "7").snapshotCount()).isEqualTo(7);
    assertThat(EtcdFlags.usage()).contains("\t--snapshot-count '10000'\n");
  }

  /** FLG-024, FLG-025, FLG-008: 100 ms ticks, 1000 ms election timeout, so 10 ticks. */
  @Test
  void heartbeatAndElectionTimeout() throws Exception {
    ServerConfig c = config();
    assertThat(c.heartbeatMs()).isEqualTo(100);
    assertThat(c.electionMs()).isEqualTo(1000);
    assertThat(c.electionTicks()).isEqualTo(10);
    ServerConfig tuned = config("--heartbeat-interval", "50", "--election-timeout", "2000");
    assertThat(tuned.electionTicks()).isEqualTo(40);
    assertThat(env("ETCD_HEARTBEAT_INTERVAL", "200").heartbeatMs()).isEqualTo(200);
    assertThat(env("ETCD_ELECTION_TIMEOUT", "5000").electionMs()).isEqualTo(5000);
  }

  /** FLG-028, FLG-029: five files of each kind are kept; 0 is accepted (keep them all). */
  @Test
  void maxSnapshotsAndMaxWals() throws Exception {
    ServerConfig c = config();
    assertThat(c.maxSnapshots()).isEqualTo(5);
    assertThat(c.maxWals()).isEqualTo(5);
    ServerConfig unlimited = config("--max-snapshots", "0", "--max-wals", "0");
    assertThat(unlimited.maxSnapshots()).isZero();
    assertThat(unlimited.maxWals()).isZero();
    assertThat(env("ETCD_MAX_WALS", "9").maxWals()).isEqualTo(9);
  }

  /** FLG-030: no CORS origins unless given (3.4 allows '*'); a comma list, '*' for any. */
  @Test
  void corsOrigins() throws Exception {
    assertThat(config().corsOrigins()).isEmpty();
    assertThat(config("--cors", "http://a:1,http://b:2").corsOrigins())
        .containsExactly("http://a:1", "http://b:2");
    assertThat(config("--cors", "*").corsOrigins()).containsExactly("*");
    assertThat(env("ETCD_CORS", "http://c:3").corsOrigins()).containsExactly("http://c:3");
  }

  /** FLG-033: a new cluster unless 'existing' is given. */
  @Test
  void initialClusterStateIsNew() throws Exception {
    assertThat(config().clusterState()).isEqualTo("new");
    assertThat(config("--initial-cluster-state", "existing").clusterState()).isEqualTo("existing");
  }

  /** FLG-045, FLG-046: --force-new-cluster and --enable-pprof are off unless given. */
  @Test
  void unsafeAndProfilingSwitchesAreOff() throws Exception {
    assertThat(config().forceNewCluster()).isFalse();
    assertThat(config("--force-new-cluster").forceNewCluster()).isTrue();
    assertThat(env("ETCD_FORCE_NEW_CLUSTER", "true").forceNewCluster()).isTrue();
    assertThat(flags("--enable-pprof").isSet(EtcdFlag.ENABLE_PPROF)).isTrue();
    assertThat(flags().isSet(EtcdFlag.ENABLE_PPROF)).isFalse();
  }

  private static EtcdFlags flags(String... args) throws Exception {
    return EtcdFlags.parse(args, Map.of(), line -> {});
  }

  private static ServerConfig config(String... args) throws Exception {
    return flags(args).toConfig();
  }

  private static ServerConfig env(String variable, String value) throws Exception {
    List<String> log = new ArrayList<>();
    ServerConfig c = EtcdFlags.parse(new String[0], Map.of(variable, value), log::add).toConfig();
    assertThat(log).contains("I|recognized and used environment variable " + variable + "=" + value);
    return c;
  }
}
