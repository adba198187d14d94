package io.etcdj.tls;

import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * The PEM files under {@code src/test/resources/pem}: copies of etcd-server's test material (see
 * the README there), so this module's tests depend on no other module.
 *
 * <p>Thread-safety: stateless.
 */
final class TestPem {
  private TestPem() {}

  /** A file of the test material, e.g. {@code ca.pem}. */
  static Path file(String name) {
    try {
      return Path.of(TestPem.class.getResource("/pem/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
