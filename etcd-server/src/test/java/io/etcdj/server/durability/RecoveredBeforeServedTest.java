package io.etcdj.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PER-048: a member restarted after {@code kill -9} answers its first request only once the WAL
 * entries it had committed are applied. With 6,000 of them after the last snapshot (none is taken
 * here) the replay takes a cold JVM long enough that a GET answered as soon as the port serves
 * found none of the keys.
 */
class RecoveredBeforeServedTest {
  @TempDir Path tmp;

  @Test
  void theFirstAnswerAfterARestartHasEveryAcknowledgedWrite() throws Exception {
    Path dataDir = tmp.resolve("replay.etcd");
    Path log = tmp.resolve("member.log");
    int keys = 6000;
    List<Thread> writers = new ArrayList<>();
    try (MemberProcess m = MemberProcess.start(dataDir, log, "--snapshot-count", "100000")) {
      V2Client c = m.client();
      for (int w = 0; w < 8; w++) {
        int writer = w;
        Thread t =
            new Thread(
                () -> {
                  try {
                    for (int i = writer; i < keys; i += 8) {
                      assertThat(c.put("/replay/k" + i, "value=v" + i).status()).isEqualTo(201);
                    }
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
        t.start();
        writers.add(t);
      }
      for (Thread t : writers) {
        t.join();
      }
      m.kill();
    }
    try (MemberProcess m = MemberProcess.start(dataDir, log, "--snapshot-count", "100000")) {
      V2Client.Reply r = m.client().get("/replay?recursive=true");
      assertThat(r.status()).as("GET /replay right after the restart").isEqualTo(200);
      assertThat(r.body().path("node").path("nodes").size()).isEqualTo(keys);
    }
  }
}
