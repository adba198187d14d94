package io.etcdj.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.etcdj.server.Request.Method;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
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

  /**
   * RFT-017: time-dependent requests carry their time in the entry (a TTL as the absolute
   * Expiration, a SYNC's Time), so every member applies them alike, whatever its clock.
   */
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

  /** The direct decoder reads what the generated parser reads, field for field. */
  @ParameterizedTest
  @MethodSource("requests")
  void directDecodingMatchesTheGeneratedParser(Request r) throws Exception {
    ByteString bytes = RequestCodec.encodeWithBuilder(0x8e9eL << 48 | 5, r);
    assertThat(RequestCodec.decode(bytes).request()).isEqualTo(viaGeneratedParser(bytes));
  }

  /**
   * Bytes another writer could produce: fields out of order, a field twice (the last wins), fields
   * and wire types this member does not know (skipped), invalid UTF-8 (replaced, as the generated
   * getters replace it).
   */
  @Test
  void unusualBytesDecodeAsTheGeneratedParserDecodesThem() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(buf);
    out.writeString(3, "/1/first");
    out.writeString(2, "PUT");
    out.writeUInt64(1, 77);
    out.writeString(99, "unknown field");
    out.writeFixed64(100, 5);
    out.writeUInt64(5, 2); // Dir as a varint of 2: true
    out.writeFixed32(6, 7); // PrevValue with the wrong wire type: skipped
    out.writeByteArray(4, new byte[] {'v', (byte) 0xff, 'x'});
    out.writeString(3, "/1/second");
    out.writeBool(8, false);
    out.writeInt64(15, 1_700_000_000_123_456_789L);
    out.flush();
    ByteString bytes = ByteString.copyFrom(buf.toByteArray());

    RequestCodec.Decoded d = RequestCodec.decode(bytes);

    assertThat(d.id()).isEqualTo(77);
    assertThat(d.request()).isEqualTo(viaGeneratedParser(bytes));
    assertThat(d.request().path()).isEqualTo("/1/second");
    assertThat(d.request().value()).isEqualTo("v\uFFFDx");
    assertThat(d.request().prevExist()).isFalse();
    assertThat(d.request().dir()).isTrue();
  }

  @Test
  void truncatedOrUnknownRequestsAreRefused() {
    byte[] whole = RequestCodec.encode(1, Request.sync(Instant.ofEpochSecond(5))).toByteArray();
    ByteString cut = ByteString.copyFrom(whole, 0, 6);
    assertThatThrownBy(() -> RequestCodec.decode(cut)).isInstanceOf(IllegalArgumentException.class);
    ByteString bogus = ByteString.copyFrom(new byte[] {0x12, 3, 'B', 'A', 'D'}); // Method "BAD"
    assertThatThrownBy(() -> RequestCodec.decode(bogus))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * The generated message turned into a Request the way the member did before it decoded directly.
   */
  private static Request viaGeneratedParser(ByteString bytes) throws IOException {
    io.etcdj.wal.serverpb.Request p = io.etcdj.wal.serverpb.Request.parseFrom(bytes);
    return new Request(
        Method.valueOf(p.getMethod()),
        p.getPath(),
        p.getVal(),
        p.getDir(),
        p.getPrevValue(),
        p.getPrevIndex(),
        p.hasPrevExist() ? p.getPrevExist() : null,
        p.getExpiration() == 0 ? null : Instant.ofEpochSecond(0, p.getExpiration()),
        p.getWait(),
        p.getSince(),
        p.getRecursive(),
        p.getSorted(),
        p.getQuorum(),
        p.getStream(),
        p.hasRefresh() ? p.getRefresh() : null,
        p.getTime() == 0 ? null : Instant.ofEpochSecond(0, p.getTime()));
  }
}
