package io.etcdj.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client behaviour that the recorded scenarios cannot pin down (random endpoint order, time limits,
 * 2.3-only texts): expectations observed from {@code ETCDCTL_API=2 etcdctl} by hand and from the
 * SPEC items cited.
 */
class ClientBehaviourTest {

  /** CTL-009: the 2.3 form of the version line (3.4 prints two lines instead). */
  @Test
  void versionPrintsTheEtcdctl23Line() {
    CtlRun.Result r = CtlRun.run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).isEqualTo("etcdctl version 2.3.8\n");
    assertThat(CtlRun.run("-v").out()).isEqualTo(r.out());
  }

  /** CTL-007: a dead endpoint is skipped and the live one answers. */
  @Test
  void requestFailsOverToTheNextEndpoint(@TempDir Path tmp) throws Exception {
    int dead = TestMember.freePort();
    try (TestMember member = TestMember.start(tmp)) {
      String eps = "http://127.0.0.1:" + dead + "," + member.clientUrl();
      assertThat(CtlRun.run("--no-sync", "--endpoints", eps, "set", "/fo", "ok").exit()).isZero();
      CtlRun.Result r = CtlRun.run("--no-sync", "--endpoints", eps, "get", "/fo");
      assertThat(r.exit()).isZero();
      assertThat(r.out()).isEqualTo("ok\n");
      assertThat(r.err()).isEmpty();
    }
  }

  /** CTL-007, CTL-021: every endpoint's failure is listed (their order is random, as in Go). */
  @Test
  void allEndpointsDownListsEachFailure() throws IOException {
    int a = TestMember.freePort();
    int b = TestMember.freePort();
    CtlRun.Result r =
        CtlRun.run(
            "--no-sync",
            "--endpoints",
            "http://127.0.0.1:" + a + ",http://127.0.0.1:" + b,
            "get",
            "/k");
    assertThat(r.exit()).isEqualTo(4);
    String ea = "dial tcp 127.0.0.1:" + a + ": connect: connection refused";
    String eb = "dial tcp 127.0.0.1:" + b + ": connect: connection refused";
    String first = r.err().contains("error #0: " + ea) ? ea : eb;
    String second = first.equals(ea) ? eb : ea;
    assertThat(r.err())
        .isEqualTo(
            "Error:  client: etcd cluster is unavailable or misconfigured; error #0: "
                + first
                + "\n; error #1: "
                + second
                + "\n\n"
                + "error #0: "
                + first
                + "\nerror #1: "
                + second
                + "\n\n");
  }

  /** CTL-001: {@code --timeout} limits the wait for response headers of each request. */
  @Test
  void silentEndpointExceedsHeaderTimeout() throws Exception {
    try (StandInServer silent = StandInServer.silent()) {
      String ep = "http://127.0.0.1:" + silent.port();
      CtlRun.Result r =
          CtlRun.run("--no-sync", "--endpoints", ep, "--timeout", "300ms", "get", "/k");
      String e = "client: endpoint " + ep + " exceeded header timeout";
      assertThat(r.exit()).isEqualTo(4);
      assertThat(r.err()).isEqualTo(CtlRun.unavailable(e));
      // With sync, the timed-out sync is not a connection error: the request itself reports.
      CtlRun.Result synced = CtlRun.run("--endpoints", ep, "--timeout", "300ms", "get", "/k");
      assertThat(synced.exit()).isEqualTo(4);
      assertThat(synced.err()).isEqualTo(r.err());
    }
  }

  /** CTL-001: {@code --total-timeout} bounds the whole command: Go's context deadline error. */
  @Test
  void silentEndpointExceedsTotalTimeout() throws Exception {
    try (StandInServer silent = StandInServer.silent()) {
      String ep = "http://127.0.0.1:" + silent.port();
      CtlRun.Result r =
          CtlRun.run(
              "--no-sync",
              "--endpoints",
              ep,
              "--timeout",
              "3s",
              "--total-timeout",
              "500ms",
              "get",
              "/k");
      assertThat(r.exit()).isEqualTo(4);
      assertThat(r.err()).isEqualTo("Error:  context deadline exceeded\n");
      // --timeout 0 is no per-request limit: only the total budget ends the wait.
      CtlRun.Result unlimited =
          CtlRun.run(
              "--no-sync",
              "--endpoints",
              ep,
              "--timeout",
              "0",
              "--total-timeout",
              "500ms",
              "get",
              "/k");
      assertThat(unlimited.err()).isEqualTo("Error:  context deadline exceeded\n");
    }
  }

  /**
   * ERR-006: an endpoint that is not etcd answers {@code 404 page not found}; etcdctl says the
   * answer is no JSON (rather than taking the leading 404 for an error body), exit 4, in every
   * output format.
   */
  @Test
  void answerOfSomethingThatIsNotEtcdIsInvalidJson() throws Exception {
    try (FakeMember notEtcd = FakeMember.start()) {
      notEtcd.answer(404, "404 page not found\n");
      for (String format : List.of("simple", "json", "extended")) {
        CtlRun.Result r =
            CtlRun.run("--no-sync", "--endpoints", notEtcd.url(), "-o", format, "get", "/k");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
            .isEqualTo(
                "Error:  client: response is invalid json. The endpoint is probably not valid"
                    + " etcd cluster endpoint\n");
      }
    }
  }

  /**
   * ERR-006: a connection closed without an answer is Go's {@code EOF}; https to a server that
   * answers in plain HTTP is Go's TLS text, and to one that closes during the handshake {@code
   * EOF}. None of them is a connection error to etcdctl, so a failed sync is ignored and the
   * request reports it: exit 4, not 2. (Observed with ETCDCTL_API=2 etcdctl against such servers.)
   */
  @Test
  void serversThatAreNotEtcdFailAsInGo() throws Exception {
    try (StandInServer closes = StandInServer.replyingAndClosing("");
        StandInServer http = StandInServer.replyingAndClosing("HTTP/1.1 400 Bad Request\r\n\r\n")) {
      String eof = "EOF";
      String notTls = "tls: first record does not look like a TLS handshake";
      assertFailsWith("http://127.0.0.1:" + closes.port(), eof);
      assertFailsWith("https://127.0.0.1:" + closes.port(), eof);
      assertFailsWith("https://127.0.0.1:" + http.port(), notTls);
    }
  }

  private static void assertFailsWith(String endpoint, String failure) {
    String expected = CtlRun.unavailable(failure);
    for (String sync : List.of("--no-sync=false", "--no-sync")) {
      CtlRun.Result r = CtlRun.run(sync, "--endpoints", endpoint, "get", "/k");
      assertThat(r.err()).as(endpoint + " " + sync).isEqualTo(expected);
      assertThat(r.exit()).as(endpoint + " " + sync).isEqualTo(4);
    }
  }

  /**
   * Go's client follows a redirect with the same request (method, body, credentials), each hop
   * printed by {@code --debug}; ERR-006: what it cannot follow is the endpoint's failure in Go's
   * words, exit 4. (Observed with ETCDCTL_API=2 etcdctl against a redirecting stand-in.)
   */
  @Test
  void redirectsAreFollowedAsGosClientDoes() throws Exception {
    try (FakeMember redirecting = FakeMember.start();
        FakeMember target = FakeMember.start()) {
      redirecting.redirect(target.url() + "/v2/keys/there");
      CtlRun.Result r =
          CtlRun.run(
              "--debug",
              "--no-sync",
              "--endpoints",
              redirecting.url(),
              "-u",
              "u:p",
              "set",
              "/k",
              "v");
      assertThat(r.exit()).isZero();
      assertThat(r.out()).isEqualTo("v\n");
      assertThat(r.err())
          .isEqualTo(
              "Cluster-Endpoints: "
                  + redirecting.url()
                  + "\ncURL Command: curl -X PUT "
                  + redirecting.url()
                  + "/v2/keys/k -d \"value=v\"\ncURL Command: curl -X PUT "
                  + target.url()
                  + "/v2/keys/there -d \"value=v\"\n");
      assertThat(target.requests())
          .containsExactly(
              new FakeMember.Request("PUT", "/v2/keys/there", "Basic dTpw", "value=v"));

      redirecting.redirect(null);
      assertFailsWith(redirecting.url(), "location header not set");
      redirecting.redirect("/v2/keys/relative");
      assertFailsWith(redirecting.url(), "unsupported protocol scheme \"\"");
      redirecting.redirect(redirecting.url() + "/v2/keys/again");
      int before = redirecting.requests().size();
      CtlRun.Result loop = CtlRun.run("--no-sync", "--endpoints", redirecting.url(), "get", "/k");
      assertThat(loop.err()).contains("error #0: client: too many redirects\n");
      // the request and ten redirects
      assertThat(redirecting.requests()).hasSize(before + 11);
    }
  }

  /**
   * ERR-007: the members and auth APIs are read as Go's json.Unmarshal reads them: text after the
   * JSON value is a syntax error, and a list that is no object cannot fill Go's struct; etcdctl
   * prints Go's text, exit 1. (Observed with ETCDCTL_API=2 etcdctl against such a stand-in.)
   */
  @Test
  void membersAndAuthAnswersMustBeWholeJson() throws Exception {
    try (FakeMember member = FakeMember.start()) {
      member.answer(200, "{\"users\":null} x");
      CtlRun.Result users = CtlRun.run("--endpoints", member.url(), "user", "list");
      assertThat(users.err()).isEqualTo("invalid character 'x' after top-level value\n");
      assertThat(users.exit()).isEqualTo(1);

      member.answerMembers("true");
      CtlRun.Result members =
          CtlRun.run("--no-sync", "--endpoints", member.url(), "member", "list");
      assertThat(members.err())
          .isEqualTo(
              "json: cannot unmarshal bool into Go value of type struct { Members []client.Member"
                  + " }\n");
      assertThat(members.exit()).isEqualTo(1);
    }
  }

  /** CTL-002: {@code --endpoints} wins over {@code ETCDCTL_ENDPOINTS}, which wins over -C. */
  @Test
  void endpointFlagsAndEnvironmentFollowPrecedence(@TempDir Path tmp) throws Exception {
    int dead = TestMember.freePort();
    String deadUrl = "http://127.0.0.1:" + dead;
    try (TestMember member = TestMember.start(tmp)) {
      CtlRun.run("--endpoints", member.clientUrl(), "set", "/p", "v");
      Map<String, String> envLive = Map.of("ETCDCTL_ENDPOINTS", member.clientUrl());
      Map<String, String> envDead = Map.of("ETCDCTL_ENDPOINTS", deadUrl);
      assertThat(CtlRun.run(envDead, "", "--endpoints", member.clientUrl(), "get", "/p").out())
          .isEqualTo("v\n");
      assertThat(CtlRun.run(envLive, "", "-C", deadUrl, "get", "/p").out()).isEqualTo("v\n");
      assertThat(CtlRun.run(Map.of("ETCDCTL_PEERS", member.clientUrl()), "", "get", "/p").out())
          .isEqualTo("v\n");
      assertThat(CtlRun.run(envDead, "", "get", "/p").exit()).isEqualTo(2);
    }
  }

  /** Shell completion generated from the command definitions. */
  @Test
  void completionPrintsABashScriptForAllCommands() {
    CtlRun.Result r = CtlRun.run("completion");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("complete -F").contains("exec-watch").contains("cluster-health");
    assertThat(CtlRun.run("help").out()).doesNotContain("completion");
  }
}
