package io.etcdj.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's path.Clean(path.Join("/", p)) (SPEC KEY-023) and the hidden rule (SPEC KEY-141). */
class StorePathTest {

  @ParameterizedTest
  @CsvSource({
    "'', /",
    "/, /",
    "a, /a",
    "/1/foo, /1/foo",
    "/1/foo/, /1/foo",
    "//1//foo, /1/foo",
    "/1/./foo, /1/foo",
    "/1/../0, /0",
    "/../.., /",
    "/1/foo/.., /1",
    "/1/.hidden, /1/.hidden",
    "/1/..., /1/...",
    "/1/a/./b/../c/, /1/a/c"
  })
  void clean(String in, String out) {
    assertThat(StorePath.clean(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @CsvSource({
    "/1/d, /1/d/_h, true",
    "/1/d, /1/d/a/_h/b, true",
    "/1/d, /1/d/a, false",
    "/1/d/_h, /1/d/_h, false",
    "/1/d/_h, /1/d/_h/x, false",
    "/1/d/x, /1/d, false",
    "/, /1/_x, true"
  })
  void hiddenBelow(String watch, String key, boolean hidden) {
    assertThat(StorePath.isHiddenBelow(watch, key)).isEqualTo(hidden);
  }
}
