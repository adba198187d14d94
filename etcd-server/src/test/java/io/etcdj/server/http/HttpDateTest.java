package io.etcdj.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Go's http.TimeFormat, written out, is what the equivalent JDK pattern prints. */
class HttpDateTest {
  private static final DateTimeFormatter PATTERN =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);

  @Test
  void goesExample() {
    assertThat(HttpDate.format(Instant.parse("2006-01-02T15:04:05Z").getEpochSecond()))
        .isEqualTo("Mon, 02 Jan 2006 15:04:05 GMT");
  }

  @Test
  void matchesThePatternFrom1970To2200() {
    SplittableRandom random = new SplittableRandom(42);
    long end = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 100_000; i++) {
      long second = random.nextLong(0, end);
      assertThat(HttpDate.format(second)).isEqualTo(PATTERN.format(Instant.ofEpochSecond(second)));
    }
  }
}
