package io.etcdj.ctl.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Command lines parsed as Go's flag package parses etcdctl's (CTL-001), with the words
 * codegangsta/cli moves first; the error texts are the reference etcdctl's.
 */
class FlagSetTest {
  private static final Flag SORT = Flag.bool("sort", "sorted");
  private static final Flag RECURSIVE = Flag.bool("recursive, r", "recursive");
  private static final Flag TTL = Flag.integer("ttl", "0", "ttl");
  private static final Flag VALUE = Flag.string("with-value", "", "previous value");
  private static final Flag TIMEOUT = Flag.duration("timeout", "1s", "timeout");
  private static final Flag ROLES = Flag.stringList("roles", "roles");
  private static final List<Flag> FLAGS = List.of(SORT, RECURSIVE, TTL, VALUE, TIMEOUT, ROLES);

  private static FlagSet parse(String... words) {
    return FlagSet.parse(FLAGS, List.of(words));
  }

  @Test
  void everySpellingOfAFlag() {
    FlagSet f = parse("-sort", "--r", "-ttl=5", "--with-value", "-x", "--timeout=500ms", "/k");
    assertThat(f.bool(SORT)).isTrue();
    assertThat(f.bool(RECURSIVE)).isTrue();
    assertThat(f.integer(TTL)).isEqualTo(5);
    assertThat(f.string(VALUE)).isEqualTo("-x"); // the next word, whatever it looks like
    assertThat(f.duration(TIMEOUT)).isEqualTo(Duration.ofMillis(500));
    assertThat(f.args()).containsExactly("/k");
  }

  @Test
  void defaultsWhenNotGiven() {
    FlagSet f = parse("/k");
    assertThat(f.bool(SORT)).isFalse();
    assertThat(f.integer(TTL)).isZero();
    assertThat(f.string(VALUE)).isEmpty();
    assertThat(f.duration(TIMEOUT)).isEqualTo(Duration.ofSeconds(1));
    assertThat(f.strings(ROLES)).isEmpty();
  }

  @Test
  void theFirstWordThatIsNotAFlagEndsThem() {
    assertThat(parse("/k", "--sort").args()).containsExactly("/k", "--sort");
    assertThat(parse("--sort", "-", "--ttl", "5").args()).containsExactly("-", "--ttl", "5");
    assertThat(parse("--sort", "--", "--ttl").args()).containsExactly("--ttl");
  }

  @Test
  void aBooleanTakesAValueOnlyAfterAnEqualsSign() {
    FlagSet f = parse("--sort", "false", "/k");
    assertThat(f.bool(SORT)).isTrue();
    assertThat(f.args()).containsExactly("false", "/k");
    assertThat(parse("--sort=false").bool(SORT)).isFalse();
    assertThat(parse("--sort=T").bool(SORT)).isTrue();
  }

  @Test
  void aRepeatedFlagReplacesItsValueAndAListGrows() {
    FlagSet f = parse("--ttl", "1", "--ttl", "2", "--roles", "a", "--roles=b");
    assertThat(f.integer(TTL)).isEqualTo(2);
    assertThat(f.strings(ROLES)).containsExactly("a", "b");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--bogus|flag provided but not defined: -bogus",
        "-bogus=1|flag provided but not defined: -bogus",
        "---x|bad flag syntax: ---x",
        "-=x|bad flag syntax: -=x",
        "--ttl|flag needs an argument: -ttl",
        "--ttl=x|invalid value \"x\" for flag -ttl: parse error",
        "--ttl=99999999999999999999|invalid value \"99999999999999999999\" for flag -ttl: value out"
            + " of range",
        "--sort=maybe|invalid boolean value \"maybe\" for -sort: parse error",
        "--timeout=5|invalid value \"5\" for flag -timeout: parse error",
      })
  void goWordsTheErrors(String word, String message) {
    assertThatThrownBy(() -> parse(word))
        .isInstanceOf(FlagSet.UsageError.class)
        .hasMessage(message);
  }

  @ParameterizedTest
  @CsvSource({
    "10,10",
    "-3,-3",
    "0x10,16",
    "0o17,15",
    "017,15",
    "0b101,5",
    "1_000,1000",
    "0x_1F,31"
  })
  void integersInGoSyntax(String text, long expected) {
    assertThat(GoNumbers.parseInt(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"''", "_1", "1_", "1__0", "08", "0x", "1.5", "--1", "+-1", "0x_"})
  void notIntegersInGoSyntax(String text) {
    assertThatThrownBy(() -> GoNumbers.parseInt(text)).hasMessage("parse error");
  }

  @Test
  void codegangstaMovesTheWordsBeforeTheFirstFlagToTheEnd() {
    assertThat(CommandRunner.reorder(List.of("/k", "v", "--ttl", "5")))
        .containsExactly("--ttl", "5", "/k", "v");
    assertThat(CommandRunner.reorder(List.of("--", "/k", "-v"))).containsExactly("--", "/k", "-v");
    // etcd 2.3's exec-watch then finds "sh -c x /k" and takes the last word for the key
    assertThat(CommandRunner.reorder(List.of("/k", "--", "sh", "-c", "x")))
        .containsExactly("--", "sh", "-c", "x", "/k");
    assertThat(CommandRunner.reorder(List.of("/k", "v"))).containsExactly("/k", "v");
  }
}
