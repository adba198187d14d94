package io.etcdj.ctl.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ERR-007: the error bodies of the members and auth APIs ({@code {"message":...}}) as the Go client
 * reads them with {@code json.Unmarshal} into its {@code client.membersError} or {@code
 * client.authError}: the message, or Go's JSON error, which etcdctl prints instead. Every row was
 * answered by a stand-in server to {@code ETCDCTL_API=2 etcdctl role get r} (authError) and {@code
 * member add} (membersError), which printed this text.
 */
class ErrorMessageTest {
  /** One answer body, the struct it is read into, and the text etcdctl printed. */
  record Row(String body, String goType, String text) {
    @Override
    public String toString() {
      return goType + " " + GoText.quote(body);
    }
  }

  static Stream<Row> rows() {
    return Stream.of(
        new Row("{\"message\":\"Role r does not exist.\"}", "authError", "Role r does not exist."),
        new Row("{\"Message\":\"M\"}", "authError", "M"),
        new Row("{\"MESSAGE\":\"M\"}", "membersError", "M"),
        new Row("{\"message\":\"a\",\"Message\":\"b\"}", "authError", "b"),
        new Row("{}", "authError", ""),
        new Row("null", "authError", ""),
        new Row("{\"message\":null,\"x\":1}", "authError", ""),
        new Row("{}", "membersError", ""),
        new Row(
            "5",
            "authError",
            "json: cannot unmarshal number into Go value of type client.authError"),
        new Row(
            "[]",
            "authError",
            "json: cannot unmarshal array into Go value of type client.authError"),
        new Row(
            "\"s\"",
            "authError",
            "json: cannot unmarshal string into Go value of type client.authError"),
        new Row(
            "5",
            "membersError",
            "json: cannot unmarshal number into Go value of type client.membersError"),
        new Row(
            "{\"message\":true}",
            "authError",
            "json: cannot unmarshal bool into Go struct field authError.message of type string"),
        new Row(
            "{\"message\":{}}",
            "authError",
            "json: cannot unmarshal object into Go struct field authError.message of type string"),
        new Row(
            "{\"message\":[1]}",
            "authError",
            "json: cannot unmarshal array into Go struct field authError.message of type string"),
        new Row(
            "{\"message\":1.5}",
            "authError",
            "json: cannot unmarshal number into Go struct field authError.message of type string"),
        new Row(
            "{\"message\":5,\"message\":\"ok\"}",
            "authError",
            "json: cannot unmarshal number into Go struct field authError.message of type string"),
        new Row(
            "{\"message\":5}",
            "membersError",
            "json: cannot unmarshal number into Go struct field membersError.message of type"
                + " string"),
        new Row(
            "{\"message\":\"m\"} x", "authError", "invalid character 'x' after top-level value"),
        new Row(
            "{\"message\":\"m\"} x", "membersError", "invalid character 'x' after top-level value"),
        new Row("", "authError", "unexpected end of JSON input"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void messageIsWhatEtcdctlPrints(Row row) {
    String text;
    try {
      text = Json.errorMessage(row.body(), row.goType());
    } catch (ApiError e) {
      text = e.getMessage();
    }
    assertThat(text).isEqualTo(row.text());
  }
}
