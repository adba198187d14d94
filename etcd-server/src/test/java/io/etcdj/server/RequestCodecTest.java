package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.Request.Method;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Entry payloads as etcd writes them (SPEC PER-031, PER-067): every v2 field survives the trip
 * through {@code etcdserverpb.Request}; PrevExist and Refresh stay absent when not given.
 */
class RequestCodecTest {
  static Stream<Request> requests() {
    Instant exp = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
    return Stream.of(
        new Request(
            Method.PUT, "/1/a", "v", false, "old", 7, true, exp, false, 0, false, false, false,
            false, false, null),
        new Request(
            Method.PUT, "/1/d", "", true, "", 0, false, null, false, 0, false, false, false, false,
            true, null),
        new Request(
            Method.DELETE, "/1/d", "", true, "", 0, null, null, false, 0, true, false, false,
            false, null, null),
        new Request(
            Method.QGET, "/1/q", "", false, "", 0, null, null, true, 42, true, true, true, true,
            null, null),
        new Request(
            Method.POST, "/1/queue", "job", false, "", 0, null, exp, false, 0, false, false, false,
            false, null, null),
        Request.sync(exp),
        // multi-byte UTF-8 in every string field, and a 64-bit ID
        new Request(
            Method.PUT, "/1/k\u00e9y/\u65e5\u672c", "v\u00e4l\uD83D\uDE00", false, "\u00fc", 0,
            null, null, false, 0, false, false, false, false, null, null));
  }

  /** PER-069: the hand-written encoder writes exactly the generated encoder's bytes. */
  @ParameterizedTest
  @MethodSource("requests")
  void directEncodingMatchesTheGeneratedEncoder(Request r) {
    for (long id : new long[] {0, 1, 0x8e9eL << 48 | 5, -1}) {
      assertThat(RequestCodec.encode(id, r).toByteArray())
          .isEqualTo(RequestCodec.encodeWithBuilder(id, r).toByteArray());
    }
  }

  @ParameterizedTest
  @MethodSource("requests")
  void everyFieldSurvivesTheEntry(Request r) {
    RequestCodec.Decoded d = RequestCodec.decode(RequestCodec.encode(0x8e9eL << 48 | 5, r));
    assertThat(d.id()).isEqualTo(0x8e9eL << 48 | 5);
    assertThat(d.request()).isEqualTo(r);
  }

  /** PER-067: PrevExist is nullable (absent differs from false), as is Refresh. */
  @ParameterizedTest
  @MethodSource("requests")
  void nullableFieldsAreAbsentWhenNotGiven(Request r) throws Exception {
    io.etcdj.wal.serverpb.Request p =
        io.etcdj.wal.serverpb.Request.parseFrom(RequestCodec.encode(1, r));
    assertThat(p.hasPrevExist()).isEqualTo(r.prevExist() != null);
    assertThat(p.hasRefresh()).isEqualTo(r.refresh() != null);
    assertThat(p.hasExpiration()).isTrue(); // non-nullable fields are always written (PER-069)
    assertThat(p.getMethod()).isEqualTo(r.method().name());
  }
}
