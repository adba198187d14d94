package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Member and cluster IDs: the SPEC CLU-005 test vectors (CLU-001, CLU-004). */
class ClusterIdsTest {
  @Test
  void etcd23DefaultsGiveTheDocumentedIds() {
    long member =
        ClusterIds.memberId(List.of("http://localhost:7001", "http://localhost:2380"), "etcd-cluster");
    assertThat(Long.toHexString(member)).isEqualTo("ce2a822cea30bfca");
    assertThat(Long.toHexString(ClusterIds.clusterId(List.of(member))))
        .isEqualTo("7e27652122e8b2ae");
  }

  @Test
  void etcd34DefaultsAndALoopbackMember() {
    long member = ClusterIds.memberId(List.of("http://localhost:2380"), "etcd-cluster");
    assertThat(Long.toHexString(member)).isEqualTo("8e9e05c52164694d");
    assertThat(Long.toHexString(ClusterIds.clusterId(List.of(member))))
        .isEqualTo("cdf818194e3a8c32");
    long loopback = ClusterIds.memberId(List.of("http://127.0.0.1:12380"), "etcd-cluster");
    assertThat(Long.toHexString(loopback)).isEqualTo("ddd67b312462fd7b");
    assertThat(Long.toHexString(ClusterIds.clusterId(List.of(loopback))))
        .isEqualTo("a7ef944b95711739");
  }

  @Test
  void threeMembersSortIdsAsUnsignedNumbers() {
    long a = ClusterIds.memberId(List.of("http://127.0.0.1:22380"), "tok1");
    long b = ClusterIds.memberId(List.of("http://127.0.0.1:22480"), "tok1");
    long c = ClusterIds.memberId(List.of("http://127.0.0.1:22580"), "tok1");
    assertThat(Long.toHexString(a)).isEqualTo("fce4ccdb9802da4a");
    assertThat(Long.toHexString(b)).isEqualTo("d30aa852e7438b05");
    assertThat(Long.toHexString(c)).isEqualTo("b240852a35e0735a");
    assertThat(Long.toHexString(ClusterIds.clusterId(List.of(a, b, c))))
        .isEqualTo("28d6a394dc9998d4");
  }
}
