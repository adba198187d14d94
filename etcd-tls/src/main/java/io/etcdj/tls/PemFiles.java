package io.etcdj.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files that etcd's and etcdctl's TLS flags name: certificate chains and CA bundles
 * ({@code BEGIN CERTIFICATE}, any number) and unencrypted private keys in the three encodings Go
 * accepts: PKCS#8 ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and SEC1
 * ({@code BEGIN EC PRIVATE KEY}). Blocks of other types (such as the {@code EC PARAMETERS} block
 * {@code openssl ecparam -genkey} writes first) are skipped, as Go skips them.
 *
 * <p>Thread-safety: stateless.
 */
public final class PemFiles {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\R(.*?)-----END \\1-----", Pattern.DOTALL);

  private PemFiles() {}

  /**
   * Every certificate in {@code file}, in order (a chain: the leaf first).
   *
   * @throws TlsFileException if the file cannot be read or holds no certificate
   */
  public static List<X509Certificate> certificates(Path file) {
    String text = read(file);
    List<X509Certificate> certs = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      Matcher m = BLOCK.matcher(text);
      while (m.find()) {
        if (m.group(1).equals("CERTIFICATE")) {
          certs.add(
              (X509Certificate)
                  factory.generateCertificate(new ByteArrayInputStream(decode(file, m.group(2)))));
        }
      }
    } catch (CertificateException e) {
      throw new TlsFileException(file + ": bad certificate: " + e.getMessage(), e);
    }
    if (certs.isEmpty()) {
      throw new TlsFileException(file + ": failed to find any PEM data in certificate input");
    }
    return certs;
  }

  /**
   * The first private key in {@code file}.
   *
   * @throws TlsFileException if the file cannot be read, holds no key, or holds an encrypted one
   *     (etcd cannot use those either)
   */
  public static PrivateKey privateKey(Path file) {
    Matcher m = BLOCK.matcher(read(file));
    while (m.find()) {
      String type = m.group(1);
      if (!type.endsWith("PRIVATE KEY")) {
        continue;
      }
      if (type.equals("ENCRYPTED PRIVATE KEY") || m.group(2).contains("Proc-Type: 4,ENCRYPTED")) {
        throw new TlsFileException(file + ": encrypted private keys are not supported");
      }
      byte[] der = decode(file, m.group(2));
      try {
        return switch (type) {
          case "PRIVATE KEY" -> fromPkcs8(der);
          case "RSA PRIVATE KEY" -> fromPkcs8(Pkcs8.fromPkcs1(der));
          case "EC PRIVATE KEY" -> fromPkcs8(Pkcs8.fromSec1(der));
          default -> throw new TlsFileException(file + ": unsupported key type " + type);
        };
      } catch (GeneralSecurityException | IllegalArgumentException e) {
        throw new TlsFileException(file + ": bad " + type + ": " + e.getMessage(), e);
      }
    }
    throw new TlsFileException(file + ": failed to find any PEM data in key input");
  }

  /** A PKCS#8 key of any algorithm the JDK knows; the algorithm is found by trying each. */
  private static PrivateKey fromPkcs8(byte[] der) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "RSASSA-PSS")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw last;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      // Go's wording, which etcd passes on.
      throw new TlsFileException("open " + file + ": no such file or directory", e);
    } catch (IOException e) {
      throw new TlsFileException("open " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] decode(Path file, String base64) {
    try {
      return Base64.getMimeDecoder().decode(base64.replaceAll("(?m)^[A-Za-z-]+:.*$", ""));
    } catch (IllegalArgumentException e) {
      throw new TlsFileException(file + ": bad base64 in PEM block", e);
    }
  }
}
