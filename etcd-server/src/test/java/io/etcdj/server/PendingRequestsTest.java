package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.store.Event;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Waiting proposals (SPEC ERR-004): completion by ID, timeout and stop texts. */
class PendingRequestsTest {
  @Test
  void appliedRequestCompletesItsOwnFutureOnly() throws Exception {
    try (PendingRequests p = new PendingRequests(60_000)) {
      CompletableFuture<Event> a = p.register(1);
      CompletableFuture<Event> b = p.register(2);
      p.complete(2, null);
      assertThat(b.get(5, TimeUnit.SECONDS)).isNull();
      assertThat(a).isNotDone();
      p.complete(2, null); // a second completion of the same ID is ignored
    }
  }

  /** ERR-004: a request not applied in time fails with "request timed out". */
  @Test
  void unappliedRequestTimesOut() {
    try (PendingRequests p = new PendingRequests(1)) {
      CompletableFuture<Event> f = p.register(1);
      assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(RequestTimeoutException.class)
          .hasMessageContaining("request timed out");
    }
  }

  /** ERR-004: stopping fails what still waits with "server stopped". */
  @Test
  void closeFailsWaitingRequestsWithServerStopped() {
    PendingRequests p = new PendingRequests(60_000);
    CompletableFuture<Event> f = p.register(1);
    p.close();
    assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(ServerStoppedException.class)
        .hasMessageContaining("server stopped");
  }

  /** CLU-007: member ID low bits on top, start time in the middle, a counter at the bottom. */
  @Test
  void requestIdsCarryMemberBitsTimeAndCounter() {
    RequestIds ids = new RequestIds(0x8e9e05c52164694dL, 0x0123456789L);
    long first = ids.next();
    assertThat(first >>> 48).isEqualTo(0x694dL);
    assertThat((first >>> 8) & ((1L << 40) - 1)).isEqualTo(0x0123456789L);
    assertThat(first & 0xff).isEqualTo(1);
    assertThat(ids.next()).isEqualTo(first + 1);
  }
}
