package io.etcdj.ctl.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.etcdj.ctl.EtcdctlMain;
import io.etcdj.ctl.NotATerminal;
import io.etcdj.ctl.command.Terminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CTL-001: {@code --ca-file}, {@code --cert-file}, {@code --key-file} against an https endpoint
 * that requires a client certificate. The endpoint is a small stand-in answering one key; the
 * certificates in {@code src/test/resources/tls} were made with openssl for 127.0.0.1 (valid until
 * 2125).
 */
class TlsTest {
  private HttpsServer server;
  private String url;

  @BeforeEach
  void startServer() throws Exception {
    SSLContext ctx =
        new ClientConfig.TlsFiles(file("ca.pem"), file("server.pem"), file("server-key.pem"))
            .sslContext();
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(ctx) {
          @Override
          public void configure(HttpsParameters params) {
            params.setNeedClientAuth(true);
          }
        });
    server.createContext(
        "/v2/keys/foo",
        exchange -> {
          byte[] body =
              "{\"action\":\"get\",\"node\":{\"key\":\"/foo\",\"value\":\"over tls\",\"modifiedIndex\":4,\"createdIndex\":4}}\n"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("X-Etcd-Index", "4");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    url = "https://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void clientCertificateAndCaFileReachTheEndpoint() throws Exception {
    assertThat(getWithClientCertificate(url)).containsExactly("0", "over tls\n", "");
  }

  /** CTL-003: the same files from the environment. */
  @Test
  void certificateFilesComeFromTheEnvironmentToo() throws Exception {
    Map<String, String> env =
        Map.of(
            "ETCDCTL_CA_FILE", file("ca.pem"),
            "ETCDCTL_CERT_FILE", file("client.pem"),
            "ETCDCTL_KEY_FILE", file("client-key.pem"));
    assertThat(run(env, "--no-sync", "--endpoints", url, "get", "/foo"))
        .containsExactly("0", "over tls\n", "");
  }

  /**
   * The server's certificate names only 127.0.0.1: asked for as {@code localhost}, it is refused
   * even though a trusted CA signed it (hostname verification stays on).
   */
  @Test
  void aCertificateForAnotherHostIsRefused() throws Exception {
    String other = url.replace("127.0.0.1", "localhost");
    String[] out = getWithClientCertificate(other);
    assertThat(out[0]).isEqualTo("4");
    assertThat(out[1]).isEmpty();
    assertThat(out[2])
        .startsWith("Error:  client: etcd cluster is unavailable or misconfigured; error #0: x509:")
        .contains("not localhost");
  }

  /** Go's text for a server certificate from an unknown CA (observed with etcdctl 3.4). */
  @Test
  void unknownAuthorityIsRefusedWithGoText() throws Exception {
    String[] out = run(Map.of(), "--no-sync", "--endpoints", url, "get", "/foo");
    String e = "x509: certificate signed by unknown authority";
    assertThat(out)
        .containsExactly(
            "4",
            "",
            "Error:  client: etcd cluster is unavailable or misconfigured; error #0: "
                + e
                + "\n\nerror #0: "
                + e
                + "\n\n");
  }

  /** {@code get /foo} from {@code endpoint} with the test CA and client certificate files. */
  private static String[] getWithClientCertificate(String endpoint) throws Exception {
    return run(
        Map.of(),
        "--no-sync",
        "--endpoints",
        endpoint,
        "--ca-file",
        file("ca.pem"),
        "--cert-file",
        file("client.pem"),
        "--key-file",
        file("client-key.pem"),
        "get",
        "/foo");
  }

  /**
   * Runs etcdctl with a generous {@code --total-timeout}: the first TLS handshakes in a JVM on a
   * busy machine can take seconds, and the dial limit would otherwise be 5 s.
   */
  private static String[] run(Map<String, String> env, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--total-timeout";
    all[1] = "60s";
    System.arraycopy(args, 0, all, 2, args.length);
    args = all;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      Terminal t =
          new Terminal(new ByteArrayInputStream(new byte[0]), o, e, env, new NotATerminal(e));
      int code = EtcdctlMain.run(args, t);
      return new String[] {
        Integer.toString(code),
        out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8)
      };
    }
  }

  private static String file(String name) throws URISyntaxException {
    return Path.of(TlsTest.class.getResource("/tls/" + name).toURI()).toString();
  }
}
