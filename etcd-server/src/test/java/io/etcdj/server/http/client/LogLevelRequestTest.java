package io.etcdj.server.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.server.log.LogLevel;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OTH-013: the body of {@code PUT /config/local/log} read as etcd's {@code json.Decoder} reads it.
 * Every row was sent to etcd 3.4 (same handler as 2.3) and to this member with {@code curl -X PUT
 * --data-binary}, with the same answers: 204, {@code Invalid json body}, or {@code Invalid log
 * level <the level as sent>}.
 */
class LogLevelRequestTest {
  /** A body and the level decoded from it, or null where etcd answers "Invalid json body". */
  record Row(String body, String level) {
    byte[] bytes() {
      return body.getBytes(StandardCharsets.ISO_8859_1); // rows spell raw bytes as chars
    }

    @Override
    public String toString() {
      return body;
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row("{\"Level\":\"DEBUG\"}", "DEBUG"),
        new Row("{\"level\":\"info\"}", "info"),
        new Row("{\"LEVEL\":\"info\"}", "info"),
        new Row("{\"\\u004cevel\":\"info\"}", "info"),
        new Row("{\"Level\":\"\\u0049NFO\"}", "INFO"),
        new Row("  {\"Level\":\"INFO\"}xx", "INFO"), // nothing after the first value is read
        new Row("{\"Level\":\"warning\"} trailing", "warning"),
        new Row("{\"Level\":\"info\"}}", "info"),
        new Row("{\"a\":[1,{\"b\":null}],\"Level\":\"error\"}", "error"),
        new Row("{\"Level\":\"x\",\"Level\":\"info\"}", "info"), // the last one wins
        new Row("{\"Level\":\"info\",\"Level\":null}", "info"), // null changes nothing
        new Row("{}", ""),
        new Row("null", ""),
        new Row("{\"Level\":null}", ""),
        new Row("{\"Levels\":\"info\"}", ""),
        new Row("{\"Level\":\"\\ud800\"}", "\uFFFD"), // a lone surrogate escape
        new Row("{\"Level\":\"\u00ffdebug\"}", "\uFFFDdebug"), // byte 0xff is not UTF-8
        new Row("{\"Level\":\"\u00e2\u0082x\"}", "\uFFFD\uFFFDx"), // one U+FFFD per byte
        new Row("{\"Level\":\"\u00c3\u00a9\"}", "\u00e9"), // é in UTF-8
        new Row("", null),
        new Row(" ", null),
        new Row("notjson", null),
        new Row("nul", null),
        new Row("{\"Level\":\"INFO\"", null),
        new Row("{\"Level\":\"info\",}", null),
        new Row("{\"Level\":\"info\" \"x\"}", null),
        new Row("{\"x\":1,", null),
        new Row("[]", null),
        new Row("\"x\"", null),
        new Row("5", null),
        new Row("{\"Level\":5}", null),
        new Row("{\"Level\":true}", null),
        new Row("{\"Level\":[\"info\"]}", null),
        new Row("{\"Level\":\"info\",\"Level\":5}", null)); // a type error anywhere is fatal
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("rows")
  void decodesAsEtcdDoes(Row row) throws Exception {
    if (row.level() == null) {
      assertThatThrownBy(() -> LogLevelRequest.level(row.bytes()))
          .isInstanceOf(LogLevelRequest.InvalidJsonException.class);
    } else {
      assertThat(LogLevelRequest.level(row.bytes())).isEqualTo(row.level());
    }
  }

  /** capnslog's names, initials and numbers, upper-cased as Go upper-cases them. */
  @Test
  void levelsAreCapnslogsInAnyCase() {
    assertThat(LogLevel.parse(LogLevelHandler.goToUpper("debug"))).isEqualTo(LogLevel.DEBUG);
    assertThat(LogLevel.parse(LogLevelHandler.goToUpper("Trace"))).isEqualTo(LogLevel.TRACE);
    assertThat(LogLevel.parse(LogLevelHandler.goToUpper("d"))).isEqualTo(LogLevel.DEBUG);
    assertThat(LogLevel.parse("0")).isEqualTo(LogLevel.ERROR);
    assertThat(LogLevel.parse("5")).isEqualTo(LogLevel.TRACE);
    assertThat(LogLevel.parse("C")).isEqualTo(LogLevel.CRITICAL);
    // Go's ToUpper maps the dotless i to I, as etcd 3.4 accepted "ınfo" (answered 204).
    assertThat(LogLevel.parse(LogLevelHandler.goToUpper("\u0131nfo"))).isEqualTo(LogLevel.INFO);
    assertThat(LogLevel.parse("9")).isNull();
    assertThat(LogLevel.parse(" DEBUG")).isNull();
    assertThat(LogLevel.parse("")).isNull();
    assertThat(LogLevelHandler.goToUpper("\u00df")).isEqualTo("\u00df"); // Java's would be SS
  }
}
