package io.etcdj.ctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcdj.ctl.client.GoText;
import io.etcdj.ctl.command.GoDuration;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go text encodings used in requests and output (CTL-008, CTL-010, CTL-032). */
class GoTextTest {

  /** Form bodies as Go's url.Values.Encode: sorted keys, QueryEscape (space as +). */
  @Test
  void formEncodingSortsKeysAndEscapesLikeGo() {
    assertThat(GoText.encodeForm(Map.of("value", "a b&c~*", "ttl", "5")))
        .isEqualTo("ttl=5&value=a+b%26c~%2A");
  }

  @Test
  void pathEscapingKeepsSlashesAndSubDelims() {
    assertThat(GoText.escapePath("/v2/keys/with space/ü?#"))
        .isEqualTo("/v2/keys/with%20space/%C3%BC%3F%23");
  }

  /** Go's %q verb, used by --debug for request bodies. */
  @Test
  void quoteEscapesLikeGoPercentQ() {
    assertThat(GoText.quote("value=a\"b\\\n\t")).isEqualTo("\"value=a\\\"b\\\\\\n\\t\"");
  }

  /** encoding/json escapes HTML characters and control characters. */
  @Test
  void jsonStringIsHtmlSafeLikeGo() {
    assertThat(GoText.jsonString("<a&b>\u0001\""))
        .isEqualTo("\"\\u003ca\\u0026b\\u003e\\u0001\\\"\"");
  }

  @ParameterizedTest
  @CsvSource({
    "1s,1000",
    "500ms,500",
    "1m30s,90000",
    "1.5s,1500",
    "0,0",
    "2h,7200000",
    "-1s,-1000",
    ".5s,500",
    "1m0.5s,60500",
    "1000us,1",
    "1000µs,1"
  })
  void parsesGoDurations(String text, long millis) {
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void refusesDurationsWithoutUnit() {
    assertThatThrownBy(() -> GoDuration.parse("5")).hasMessage("time: invalid duration 5");
  }

  @ParameterizedTest
  @CsvSource({"1..5s", "s", "1x", ".s", "''", "-", "1s5", "١s"})
  void refusesWhatGoRefuses(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .hasMessageStartingWith("time: invalid duration");
  }

  /** KEY-120: Go re-marshals a parsed time with trailing zeros of the fraction trimmed. */
  @Test
  void timestampsAreRenderedAsGoMarshalsThem() {
    assertThat(GoText.rfc3339Nano("2026-11-20T21:44:45.093155600Z"))
        .isEqualTo("2026-11-20T21:44:45.0931556Z");
    assertThat(GoText.rfc3339Nano("2026-11-20T21:44:45.000Z")).isEqualTo("2026-11-20T21:44:45Z");
    assertThat(GoText.rfc3339Nano("2026-11-20T21:44:45.5+01:00"))
        .isEqualTo("2026-11-20T21:44:45.5+01:00");
  }

  @Test
  void canonicalPathKeepsTrailingSlash() {
    assertThat(GoText.canonicalUrlPath("/v2/keys//a/../b/")).isEqualTo("/v2/keys/b/");
    assertThat(GoText.canonicalUrlPath("")).isEqualTo("/");
  }
}
