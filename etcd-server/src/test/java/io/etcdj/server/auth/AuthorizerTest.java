package io.etcdj.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** HTTP Basic credentials as Go's {@code Request.BasicAuth} reads them (SPEC OTH-078). */
class AuthorizerTest {
  private static String basic(String s) {
    return "Basic " + Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void splitsAtTheFirstColon() {
    assertThat(Authorizer.basicCredentials(basic("bob:pa:ss"))).containsExactly("bob", "pa:ss");
    assertThat(Authorizer.basicCredentials(basic("bob:"))).containsExactly("bob", "");
  }

  @Test
  void theSchemeIsCaseInsensitive() {
    assertThat(Authorizer.basicCredentials("bAsIc " + basic("a:b").substring(6)))
        .containsExactly("a", "b");
  }

  @Test
  void malformedHeadersGiveNoCredentials() {
    assertThat(Authorizer.basicCredentials(null)).isNull();
    assertThat(Authorizer.basicCredentials("Basic")).isNull();
    assertThat(Authorizer.basicCredentials("Bearer abc")).isNull();
    assertThat(Authorizer.basicCredentials("Basic !!!!")).isNull();
    assertThat(Authorizer.basicCredentials(basic("nocolon"))).isNull();
    // Go's StdEncoding wants the padding.
    assertThat(Authorizer.basicCredentials("Basic YTpi")).containsExactly("a", "b");
    assertThat(Authorizer.basicCredentials("Basic YTpiYw")).isNull();
  }
}
