package io.etcdj.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcdj.server.http.client.GoRequestTarget;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request target the proxy forwards (SPEC CLU-073; RFC 7230 section 5.3). */
class ProxyHandlerTest {
  @ParameterizedTest
  @CsvSource({
    "/v2/keys/a?wait=true, /v2/keys/a?wait=true",
    "http://h:4001/v2/keys/a?wait=true, /v2/keys/a?wait=true",
    "https://h/v2/keys/, /v2/keys/",
    "http://h:4001, /",
    "http://h:4001?x=1, /?x=1",
    "*, *"
  })
  void absoluteFormTargetsAreForwardedAsTheirPath(String target, String forwarded) {
    assertThat(GoRequestTarget.originForm(target)).isEqualTo(forwarded);
  }
}
