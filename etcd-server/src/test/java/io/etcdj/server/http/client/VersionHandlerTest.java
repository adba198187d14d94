package io.etcdj.server.http.client;

import static io.etcdj.server.http.client.ClientHarness.body;
import static io.etcdj.server.http.client.ClientHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /version} (SPEC OTH-010, 2.3 form). */
class VersionHandlerTest {
  @TempDir Path dataDir;

  @Test
  void clusterVersionOnceDecided() throws Exception {
    try (ClientHarness member = new ClientHarness(dataDir)) {
      assertThat(body(member.call(request("GET", "/version"))))
          .isEqualTo("{\"etcdserver\":\"2.3.8\",\"etcdcluster\":\"2.3.0\"}");
    }
  }

  /** Before the leader's cluster version entry is applied, etcd 2.3 says so. */
  @Test
  void notDecidedRightAfterStart() throws Exception {
    try (ClientHarness member = new ClientHarness(dataDir, false)) {
      assertThat(body(member.call(request("GET", "/version"))))
          .isEqualTo("{\"etcdserver\":\"2.3.8\",\"etcdcluster\":\"not_decided\"}");
    }
  }
}
