package io.etcdj.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP JSON of events and errors, byte for byte (SPEC KEY-090..100, KEY-120, ERR-001). */
class V2JsonTest {

  private static NodeExtern file(String key, String value, long mi, long ci) {
    return new NodeExtern(key, value, false, null, 0, null, mi, ci);
  }

  private static String json(Event e) {
    return new String(V2Json.writeEvent(e, "/1"), UTF_8);
  }

  /**
   * Escaping as Go's encoding/json (Go 1.19), taken from the reference's reply to a PUT of {@code
   * <a&b> "q" \ 0x01 0x08 0x0c TAB LF CR DEL U+2028 x}: DEL stays raw.
   */
  @Test
  void escapingMatchesTheReference() {
    String value = "<a&b> \"q\" \\ \u0001\b\f\t\n\r\u007f \u2028 x";
    Event e = new Event("set", file("/1/esc", value, 15, 15), null, 15, false);
    assertThat(V2Json.writeEvent(e, "/1"))
        .isEqualTo(
            ("{\"action\":\"set\",\"node\":{\"key\":\"/esc\",\"value\":\"\\u003ca\\u0026b\\u003e"
                    + " \\\"q\\\" \\\\ \\u0001\\u0008\\u000c\\t\\n\\r\u007f \\u2028 x\","
                    + "\"modifiedIndex\":15,\"createdIndex\":15}}")
                .getBytes(UTF_8));
  }

  record Escape(String in, String out) {}

  static Stream<Escape> escapes() {
    return Stream.of(
        new Escape("plain", "\"plain\""),
        new Escape("\u4f60\u597d", "\"\u4f60\u597d\""),
        new Escape("\uD83D\uDE00", "\"\uD83D\uDE00\""),
        new Escape("a\uD83Db", "\"a\\ufffdb\""),
        new Escape("\uDE00", "\"\\ufffd\""),
        new Escape("end\uD83D", "\"end\\ufffd\""),
        new Escape("\u2029", "\"\\u2029\""),
        new Escape("\u001f\u0000", "\"\\u001f\\u0000\""),
        new Escape("\u00e9\u0080", "\"\u00e9\u0080\""));
  }

  /** Go's string escaping rules, one row each. */
  @ParameterizedTest
  @MethodSource("escapes")
  void stringEscaping(Escape row) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonOutput json = new JsonOutput(out, 64);
    json.string(row.in());
    json.drain();
    assertThat(out.toString(UTF_8)).isEqualTo(row.out());
  }

  /** Long strings cross the buffer boundary intact. */
  @Test
  void longValuesAreWrittenWhole() {
    String big = "\u4f60<".repeat(5000);
    Event e = new Event("get", file("/1/big", big, 1, 1), null, 1, false);
    String expected =
        "{\"action\":\"get\",\"node\":{\"key\":\"/big\",\"value\":\""
            + "\u4f60\\u003c".repeat(5000)
            + "\",\"modifiedIndex\":1,\"createdIndex\":1}}";
    assertThat(json(e)).isEqualTo(expected);
  }

  /** SPEC KEY-120: RFC3339Nano in UTC, trailing zeros trimmed, no fraction when zero. */
  @ParameterizedTest
  @MethodSource("times")
  void expirationFormat(String instant, String text) {
    assertThat(GoTime.format(Instant.parse(instant))).isEqualTo(text);
    assertThat(GoTime.parse(text)).isEqualTo(Instant.parse(instant));
  }

  static Stream<Object[]> times() {
    return Stream.of(
        new Object[] {"2026-11-20T21:44:45.093155600Z", "2026-11-20T21:44:45.0931556Z"},
        new Object[] {"2026-11-21T00:40:22.618304805Z", "2026-11-21T00:40:22.618304805Z"},
        new Object[] {"2026-01-02T03:04:05Z", "2026-01-02T03:04:05Z"},
        new Object[] {"2026-01-02T03:04:05.100Z", "2026-01-02T03:04:05.1Z"});
  }

  /** SPEC KEY-092, KEY-093, KEY-095: dir with TTL, negative ttl, nested listing order. */
  @Test
  void nodeFieldOrder() {
    NodeExtern child = new NodeExtern("/1/d/c", null, true, null, 0, List.of(), 3, 3);
    NodeExtern dir =
        new NodeExtern(
            "/1/d", null, true, Instant.parse("2026-01-02T03:04:05.5Z"), -2, List.of(child), 2, 1);
    assertThat(json(new Event("get", dir, null, 9, false)))
        .isEqualTo(
            "{\"action\":\"get\",\"node\":{\"key\":\"/d\",\"dir\":true,"
                + "\"expiration\":\"2026-01-02T03:04:05.5Z\",\"ttl\":-2,\"nodes\":[{\"key\":"
                + "\"/d/c\",\"dir\":true,\"modifiedIndex\":3,\"createdIndex\":3}],"
                + "\"modifiedIndex\":2,\"createdIndex\":1}}");
  }

  /** SPEC KEY-098, KEY-099: no node (noValueOnSuccess) and the refresh flag never written. */
  @Test
  void bareActionAndNoRefreshFlag() {
    assertThat(json(new Event("set", null, null, 4, true))).isEqualTo("{\"action\":\"set\"}");
    assertThat(json(new Event("update", file("/1/a", "", 2, 1), null, 2, true)))
        .isEqualTo(
            "{\"action\":\"update\",\"node\":{\"key\":\"/a\",\"value\":\"\",\"modifiedIndex\":2,"
                + "\"createdIndex\":1}}");
  }

  /** SPEC ERR-001: cause omitted when empty, after trimming the prefix. */
  @Test
  void errorShape() {
    assertThat(
            new String(
                V2Json.writeError(new EtcdException(EtcdError.NOT_FILE, "/1", 7), "/1"), UTF_8))
        .isEqualTo("{\"errorCode\":102,\"message\":\"Not a file\",\"index\":7}");
    assertThat(
            new String(
                V2Json.writeError(new EtcdException(EtcdError.TEST_FAILED, "[<a> != b]", 3), "/1"),
                UTF_8))
        .isEqualTo(
            "{\"errorCode\":101,\"message\":\"Compare failed\",\"cause\":\"[\\u003ca\\u003e !="
                + " b]\",\"index\":3}");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    V2Json.writeError(new EtcdException(EtcdError.KEY_NOT_FOUND, "/1/a/b", 0), "/1", out);
    assertThat(out.toString(UTF_8))
        .isEqualTo(
            "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/a/b\",\"index\":0}");
  }

  /** The string escaper shared with the server's hand-built documents (members, stats). */
  @Test
  void quoteEscapesLikeGoEncodingJson() {
    assertThat(V2Json.quote("a<b>&\"\\\n\u2028\u0001é"))
        .isEqualTo("\"a\\u003cb\\u003e\\u0026\\\"\\\\\\n\\u2028\\u0001é\"");
    assertThat(V2Json.quoteArray(java.util.List.of("http://a:1", "x")))
        .isEqualTo("[\"http://a:1\",\"x\"]");
    assertThat(V2Json.quoteArray(java.util.List.of())).isEqualTo("[]");
  }
}
