package io.etcdj.ctl.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Answers become the same trees Jackson's ObjectMapper made, without one (CTL-010). */
class JsonTest {
  @Test
  void objectsArraysAndScalars() throws Exception {
    JsonNode n =
        Json.parse(
            "{\"action\":\"get\",\"node\":{\"key\":\"/a\",\"nodes\":[{\"dir\":true},null],"
                + "\"ttl\":5,\"modifiedIndex\":4294967296,\"big\":18446744073709551615,"
                + "\"f\":1.5}}",
            "bad");
    assertThat(n.path("action").asText()).isEqualTo("get");
    JsonNode node = n.path("node");
    assertThat(node.path("nodes").size()).isEqualTo(2);
    assertThat(node.path("nodes").get(0).path("dir").asBoolean()).isTrue();
    assertThat(node.path("nodes").get(1).isNull()).isTrue();
    assertThat(node.path("ttl").isInt()).isTrue();
    assertThat(node.path("modifiedIndex").asLong()).isEqualTo(4294967296L);
    assertThat(node.path("big").asText()).isEqualTo("18446744073709551615");
    assertThat(node.path("f").asDouble()).isEqualTo(1.5);
    assertThat(Json.text(node, "key")).isEqualTo("/a");
  }

  @Test
  void aRepeatedNameKeepsTheLastValueAndTrailingTextIsIgnored() throws Exception {
    JsonNode n = Json.parse("{\"a\":1,\"a\":2} trailing", "bad");
    assertThat(n.path("a").asInt()).isEqualTo(2);
    assertThat(n.size()).isEqualTo(1);
  }

  /** As Go decodes them: a lone surrogate escape is U+FFFD (printed as such, not as '?'). */
  @Test
  void loneSurrogateEscapesBecomeTheReplacementCharacter() throws Exception {
    JsonNode n = Json.parse("{\"v\":\"a\\ud800b\\udc00\",\"p\":\"\\ud83d\\ude00\"}", "bad");
    assertThat(n.path("v").asText()).isEqualTo("a\ufffdb\ufffd");
    assertThat(n.path("p").asText()).isEqualTo("\ud83d\ude00");
  }

  @Test
  void emptyOrInvalidBodiesAreTheCallersError() throws Exception {
    assertThatThrownBy(() -> Json.parse("", "empty")).hasMessage("empty");
    assertThatThrownBy(() -> Json.parse("{\"a\":", "cut")).hasMessage("cut");
    assertThat(Json.errorMessage("{\"message\":\"no such member\"}", "membersError"))
        .isEqualTo("no such member");
    assertThatThrownBy(() -> Json.errorMessage("<html>", "membersError"))
        .hasMessage("invalid character '<' looking for beginning of value");
  }

  @Test
  void goSyntaxErrorsName() {
    assertThat(Json.goSyntaxError("  ")).isEqualTo("unexpected end of JSON input");
    assertThat(Json.goSyntaxError("{} x")).isEqualTo("invalid character 'x' after top-level value");
    assertThat(Json.goSyntaxError("{\"a\":")).isEqualTo("unexpected end of JSON input");
    assertThat(Json.goSyntaxError("<"))
        .isEqualTo("invalid character '<' looking for beginning of value");
  }
}
