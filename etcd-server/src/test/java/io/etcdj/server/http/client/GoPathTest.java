package io.etcdj.server.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's path.Clean, ServeMux cleaning (SPEC KEY-020) and path unescaping (KEY-022). */
class GoPathTest {
  @ParameterizedTest
  @CsvSource({
    "'', .",
    "/, /",
    "a/b, a/b",
    "//a//b/, /a/b",
    "/a/./b, /a/b",
    "/a/../b, /b",
    "/../a, /a",
    "a/../.., ..",
    "/a/b/.., /a",
  })
  void cleansLikeGo(String in, String out) {
    assertThat(GoPath.clean(in)).isEqualTo(out);
  }

  /** KEY-020: ServeMux keeps the trailing slash; a clean path is returned as is. */
  @ParameterizedTest
  @CsvSource({
    "/v2/keys//a//b/, /v2/keys/a/b/",
    "/v2/keys/./a, /v2/keys/a",
    "/v2/keys/x/../a, /v2/keys/a",
    "/v2/keys/../0, /v2/0",
    "/v2/keys/a/, /v2/keys/a/",
    "/v2/keys, /v2/keys",
  })
  void serveMuxRedirectTarget(String in, String out) {
    assertThat(GoPath.serveMuxClean(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @CsvSource({
    "/v2/keys/a%2Fb, /v2/keys/a/b",
    "/v2/keys/a%20b, /v2/keys/a b",
    "/v2/keys/a+b, /v2/keys/a+b",
    "/v2/keys/%E2%82%AC, /v2/keys/\u20ac",
    "/v2/keys/%3F%23, /v2/keys/?#",
  })
  void unescapesPaths(String in, String out) throws Exception {
    assertThat(GoUrl.unescapePath(in)).isEqualTo(out);
  }

  @ParameterizedTest
  @CsvSource({"/v2/keys/%zz", "/v2/keys/%", "/v2/keys/%4"})
  void refusesBadEscapes(String in) {
    assertThatThrownBy(() -> GoUrl.unescapePath(in)).isInstanceOf(GoUrl.DecodeException.class);
  }
}
