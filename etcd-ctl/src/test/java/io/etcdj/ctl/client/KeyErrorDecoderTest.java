package io.etcdj.ctl.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ERR-006: the text of a keys API error answer, as the Go client turns it into {@code <code>:
 * <message> (<cause>) [<index>]}, or into its "invalid json" error when {@code json.Unmarshal} into
 * its error struct refuses the body. Every row was answered by a stand-in server to {@code
 * ETCDCTL_API=2 etcdctl get}, which printed this text after {@code Error: }.
 */
class KeyErrorDecoderTest {
  private static final String INVALID =
      "client: response is invalid json. The endpoint is probably not valid etcd cluster endpoint";

  /** One answer body and the text etcdctl made of it. */
  record Row(String body, String text) {
    @Override
    public String toString() {
      return GoText.quote(body);
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row(
            "{\"errorCode\":100,\"message\":\"Key not found\",\"cause\":\"/k\",\"index\":7}\n",
            "100: Key not found (/k) [7]"),
        // what etcd sends for a compare-and-delete on the root: no cause at all
        new Row(
            "{\"errorCode\":102,\"message\":\"Not a file\",\"index\":9}", "102: Not a file () [9]"),
        // something that is not etcd: the leading 404 is no JSON value of its own
        new Row("404 page not found\n", INVALID),
        new Row("", INVALID),
        new Row("null", "0:  () [0]"),
        new Row("{}", "0:  () [0]"),
        new Row("  {\"errorCode\":4}  \n", "4:  () [0]"),
        new Row("{\"errorCode\":4}{}", INVALID),
        new Row("{\"errorCode\":100,\"message\":\"m\",\"cause\":\"c\",\"index\":5} x", INVALID),
        new Row("[1]", INVALID),
        new Row("\"text\"", INVALID),
        new Row("{\"errorCode\":1,}", INVALID),
        new Row("{'errorCode':1}", INVALID),
        new Row("{\"errorCode\":01}", INVALID),
        // field names match in any case; the last of a repeated field wins
        new Row("{\"ErrorCode\":7,\"MESSAGE\":\"m\"}", "7: m () [0]"),
        new Row("{\"errorcode\":1,\"errorCode\":2,\"ERRORCODE\":3}", "3:  () [0]"),
        new Row("{\"errorCode\":null,\"message\":null}", "0:  () [0]"),
        new Row("{\"x\":[1,{\"y\":null}],\"errorCode\":3}", "3:  () [0]"),
        // errorCode is Go's int (64 bits), index its uint64: integer literals only
        new Row("{\"errorCode\":\"100\"}", INVALID),
        new Row("{\"errorCode\":true}", INVALID),
        new Row("{\"errorCode\":1.0}", INVALID),
        new Row("{\"errorCode\":1e2}", INVALID),
        new Row("{\"errorCode\":-5}", "-5:  () [0]"),
        new Row("{\"errorCode\":-0}", "0:  () [0]"),
        new Row("{\"errorCode\":9223372036854775807}", "9223372036854775807:  () [0]"),
        new Row("{\"errorCode\":9223372036854775808}", INVALID),
        new Row("{\"errorCode\":1,\"errorCode\":\"x\",\"errorCode\":2}", INVALID),
        new Row("{\"index\":18446744073709551615}", "0:  () [18446744073709551615]"),
        new Row("{\"index\":18446744073709551616}", INVALID),
        new Row("{\"index\":-1}", INVALID),
        new Row("{\"index\":-0}", INVALID),
        new Row("{\"message\":5}", INVALID),
        // a lone surrogate escape is U+FFFD, as Go decodes it; a pair is its character
        new Row("{\"cause\":\"\\ud83d\\ude00x\\udc00\"}", "0:  (\ud83d\ude00x\ufffd) [0]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void errorTextIsWhatEtcdctlPrints(Row row) {
    String text;
    try {
      text = KeyErrorDecoder.decode(row.body()).getMessage();
    } catch (ApiError e) {
      text = e.getMessage();
    }
    assertThat(text).isEqualTo(row.text());
  }
}
