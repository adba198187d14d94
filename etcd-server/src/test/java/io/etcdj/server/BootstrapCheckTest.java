package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a member without a WAL checks before it starts ({@link BootstrapCheck}): its entry in the
 * initial cluster, URLs used once, usable IDs, and what the other members already know of it. The
 * other members are {@link MembersPeer} stand-ins; nothing here starts raft.
 */
class BootstrapCheckTest {
  private static final String SELF = "http://127.0.0.1:29390";

  /** CLU-013: a new member must be listed, with exactly its advertised peer URLs. */
  @Test
  void aNewMemberMustBeListedWithItsAdvertisedPeerUrls() throws Exception {
    assertThatThrownBy(
            () -> newCluster("--initial-cluster", "other=http://127.0.0.1:29380"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("couldn't find local name \"default\" in the initial cluster configuration");
    assertThatThrownBy(
            () ->
                newCluster(
                    "--name", "n1",
                    "--initial-advertise-peer-urls", "http://127.0.0.1:29382,http://127.0.0.1:29381",
                    "--initial-cluster", "n1=http://127.0.0.1:29380"))
        .hasMessage(
            "--initial-cluster must include n1=http://127.0.0.1:29381,n1=http://127.0.0.1:29382"
                + " given --initial-advertise-peer-urls=http://127.0.0.1:29381,"
                + "http://127.0.0.1:29382");
    // compared after resolving host names
    assertThatCode(
            () ->
                newCluster(
                    "--name", "n1",
                    "--initial-advertise-peer-urls", "http://localhost:29380",
                    "--initial-cluster", "n1=http://127.0.0.1:29380"))
        .doesNotThrowAnyException();
  }

  /** CLU-013: no URL may appear twice in the initial cluster. */
  @Test
  void noPeerUrlTwice() {
    assertThatThrownBy(
            () ->
                newCluster(
                    "--name", "b",
                    "--initial-advertise-peer-urls", "http://127.0.0.1:29380",
                    "--initial-cluster", "b=http://127.0.0.1:29380,a=http://127.0.0.1:29380"))
        .hasMessage(
            "initial cluster a=http://127.0.0.1:29380,b=http://127.0.0.1:29380 has duplicate url");
  }

  /** CLU-006: a member ID of 0, or one two members share, is refused. */
  @Test
  void memberIdsAreNonZeroAndDistinct() {
    Member a = new Member(0xa1, "a", List.of("http://127.0.0.1:1"), List.of());
    Member b = new Member(0xa1, "b", List.of("http://127.0.0.1:2", "http://127.0.0.1:3"), List.of());
    assertThatThrownBy(() -> BootstrapCheck.checkMemberIds(List.of(a, b)))
        .hasMessage(
            "member exists with identical ID &{a1 {[http://127.0.0.1:2 http://127.0.0.1:3]} {b []}}");
    Member zero = new Member(0, "z", List.of("http://127.0.0.1:4"), List.of());
    assertThatThrownBy(() -> BootstrapCheck.checkMemberIds(List.of(a, zero)))
        .hasMessage("cannot use 0 as member id");
    assertThatCode(() -> BootstrapCheck.checkMemberIds(List.of(a))).doesNotThrowAnyException();
  }

  /**
   * CLU-014, GOT-014: a new member that another listed member reports as started (with client
   * URLs) was bootstrapped before and lost its data: it must not bootstrap a second time.
   */
  @Test
  void aNewMemberTheOthersKnowAsStartedIsRefused() throws Exception {
    long self = ClusterIds.memberId(List.of(SELF), "etcd-cluster");
    String started =
        "[{\"id\":" + Long.toUnsignedString(self) + ",\"name\":\"n1\",\"peerURLs\":[\"" + SELF
            + "\"],\"clientURLs\":[\"http://127.0.0.1:29391\"]}]";
    try (MembersPeer peer = MembersPeer.start("7e27652122e8b2ae", started)) {
      assertThatThrownBy(() -> newCluster(twoMembers(peer.url())))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("member " + Long.toHexString(self) + " has already been bootstrapped");
    }
    String notStarted = started.replace(",\"clientURLs\":[\"http://127.0.0.1:29391\"]", "");
    try (MembersPeer peer = MembersPeer.start("7e27652122e8b2ae", notStarted)) {
      assertThatCode(() -> newCluster(twoMembers(peer.url()))).doesNotThrowAnyException();
    }
    MembersPeer gone = MembersPeer.start("7e27652122e8b2ae", started);
    gone.close();
    assertThatCode(() -> newCluster(twoMembers(gone.url()))).doesNotThrowAnyException();
  }

  /**
   * CLU-016, GOT-014: a joining member must be listed, but its URLs are the running cluster's
   * business; and it cannot use a discovery service.
   */
  @Test
  void aJoiningMemberNeedsOnlyItsName() throws Exception {
    assertThatCode(
            () ->
                join(
                    "--name", "n1",
                    "--initial-advertise-peer-urls", "http://127.0.0.1:29381",
                    "--initial-cluster", "n1=http://127.0.0.1:29380"))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> join("--initial-cluster", "other=http://127.0.0.1:29380"))
        .hasMessage("couldn't find local name \"default\" in the initial cluster configuration");
    assertThatThrownBy(() -> join("--discovery", "http://127.0.0.1:29999/v2/keys/t"))
        .hasMessage("discovery URL should not be set when joining existing initial cluster");
  }

  /** GOT-014: joining with a member list unlike the running cluster's. */
  @Test
  void aJoiningMemberMustDescribeTheRunningCluster() throws Exception {
    String other = "http://127.0.0.1:29392";
    String onlyOther = "[{\"id\":12,\"name\":\"n2\",\"peerURLs\":[\"" + other + "\"]}]";
    try (MembersPeer peer = MembersPeer.start("abc", onlyOther)) {
      ServerConfig config = config("existing", twoMembers(peer.url()));
      assertThatThrownBy(() -> ExistingCluster.fetch(config))
          .hasMessageEndingWith(": member count is unequal");
    }
    String strangers =
        "[{\"id\":12,\"peerURLs\":[\"" + other + "\"]},{\"id\":13,\"peerURLs\":[\"" + SELF
            + "\"]}]";
    try (MembersPeer peer = MembersPeer.start("abc", strangers)) {
      ServerConfig config = config("existing", twoMembers(peer.url()));
      assertThatThrownBy(() -> ExistingCluster.fetch(config))
          .hasMessageEndingWith(": unmatched member while checking PeerURLs");
    }
  }

  private static String[] twoMembers(String otherPeer) {
    return new String[] {
      "--name", "n1",
      "--initial-advertise-peer-urls", SELF,
      "--initial-cluster", "n1=" + SELF + ",n2=" + otherPeer
    };
  }

  private static void newCluster(String... args) throws Exception {
    ServerConfig config = config("new", args);
    BootstrapCheck.verifyNewCluster(config, BootstrapCheck.reportedStarted(config));
  }

  private static void join(String... args) throws Exception {
    BootstrapCheck.verifyJoinExisting(config("existing", args));
  }

  private static ServerConfig config(String state, String... args) throws Exception {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--initial-cluster-state";
    all[args.length + 1] = state;
    return EtcdFlags.parse(all, Map.of(), line -> {}).toConfig();
  }
}
