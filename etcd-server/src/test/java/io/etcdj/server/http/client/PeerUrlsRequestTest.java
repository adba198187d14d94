package io.etcdj.server.http.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * OTH-024, OTH-025: a refused {@code /v2/members} body gets the message etcd gives it, which for
 * bodies that are not `{"peerURLs":[...]}` is Go's JSON decoder's own text. Every row was
 * answered so by etcd 3.4 ({@code POST /v2/members}); mismatches between the two were found by
 * scripts/difffuzz.py.
 */
class PeerUrlsRequestTest {
  static Stream<Arguments> refused() {
    return Stream.of(
        row("",
            "unexpected end of JSON input"),
        row("{",
            "unexpected end of JSON input"),
        row("[]",
            "json: cannot unmarshal array into Go value of type struct { PeerURLs []string \"json:\\\"peerURLs\\\"\" }"),
        row("x",
            "invalid character 'x' looking for beginning of value"),
        row("{\"peerURLs\":\"x\"}",
            "json: cannot unmarshal string into Go struct field .peerURLs of type []string"),
        row("{\"peerURLs\":[1]}",
            "json: cannot unmarshal number into Go struct field .peerURLs of type string"),
        row("{\"peerURLs\":[null]}",
            "URL scheme must be http, https, unix, or unixs: "),
        row("{\"peerURLs\":null}",
            "no valid URLs given"),
        row("null",
            "no valid URLs given"),
        row("\"s\"",
            "json: cannot unmarshal string into Go value of type struct { PeerURLs []string \"json:\\\"peerURLs\\\"\" }"),
        row("12",
            "json: cannot unmarshal number into Go value of type struct { PeerURLs []string \"json:\\\"peerURLs\\\"\" }"),
        row("true",
            "json: cannot unmarshal bool into Go value of type struct { PeerURLs []string \"json:\\\"peerURLs\\\"\" }"),
        row("{\"PEERURLS\":[\"bad\"]}",
            "URL scheme must be http, https, unix, or unixs: bad"),
        row("{\"peerURLs\":[\"http://a:1\"],\"peerurls\":[]}",
            "no valid URLs given"),
        row("{\"peerURLs\":{}}",
            "json: cannot unmarshal object into Go struct field .peerURLs of type []string"),
        row("{\"a\" 1}",
            "invalid character '1' after object key"),
        row("{\"a\":1 x}",
            "invalid character 'x' after object key:value pair"),
        row("[1 2]",
            "invalid character '2' after array element"),
        row("{\"a\":tru}",
            "invalid character '}' in literal true (expecting 'e')"),
        row("{\"a\":nul}",
            "invalid character '}' in literal null (expecting 'l')"),
        row("{\"a\":-x}",
            "invalid character 'x' in numeric literal"),
        row("{\"a\":1.}",
            "invalid character '}' after decimal point in numeric literal"),
        row("{\"a\":1e}",
            "invalid character '}' in exponent of numeric literal"),
        row("{\"a\":01}",
            "invalid character '1' after object key:value pair"),
        row("{\"a\":\"\\q\"}",
            "invalid character 'q' in string escape code"),
        row("{\"a\":\"\\u12g4\"}",
            "invalid character 'g' in \\u hexadecimal character escape"),
        row("{1:2}",
            "invalid character '1' looking for beginning of object key string"),
        row("{\"peerURLs\":[]} x",
            "invalid character 'x' after top-level value"),
        row("{\"peerURLs\":[true]}",
            "json: cannot unmarshal bool into Go struct field .peerURLs of type string"),
        row("{\"peerURLs\":[[\"x\"]]}",
            "json: cannot unmarshal array into Go struct field .peerURLs of type string"),
        row("{\"peerURLs\":[{}],\"peerURLs\":\"s\"}",
            "json: cannot unmarshal object into Go struct field .peerURLs of type string"),
        row("{\"peerURLs\":[\"http://a:1/p\"]}",
            "URL must not contain a path: http://a:1/p"),
        row("{\"a\":\"\u0001\"}",
            "invalid character '\\x01' in string literal"));
  }

  private static Arguments row(String body, String message) {
    return Arguments.of(body, message);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("refused")
  void refusedAsEtcdRefusesIt(String body, String message) {
    assertThatThrownBy(() -> PeerUrlsRequest.parse(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(PeerUrlsRequest.InvalidException.class)
        .hasMessage(message);
  }

  /** Go matches the key in any case; the URLs come back trimmed and sorted. */
  @Test
  void acceptedUrls() throws Exception {
    String body = " {\"PeerURLs\":[\" http://b:2 \",\"http://a:1\"]} ";
    assertThat(PeerUrlsRequest.parse(body.getBytes(StandardCharsets.UTF_8)))
        .containsExactly("http://a:1", "http://b:2");
  }
}
