package io.etcdj.tls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Wraps the two key encodings OpenSSL writes by default before 3.0, PKCS#1 ({@code BEGIN RSA
 * PRIVATE KEY}, RFC 8017 appendix A.1.2) and SEC1 ({@code BEGIN EC PRIVATE KEY}, RFC 5915), into
 * the PKCS#8 {@code PrivateKeyInfo} structure (RFC 5208 section 5) that the JDK's key factories
 * read. Go's {@code tls.X509KeyPair}, which etcd uses, accepts all three, so etcd users have all
 * three on disk.
 *
 * <pre>
 * PrivateKeyInfo ::= SEQUENCE {
 *   version             INTEGER (0),
 *   privateKeyAlgorithm SEQUENCE { algorithm OID, parameters ANY },
 *   privateKey          OCTET STRING }  -- the PKCS#1 or SEC1 DER, unchanged
 * </pre>
 *
 * <p>Only the few DER forms needed here are written: definite lengths, universal tags.
 *
 * <p>Thread-safety: stateless.
 */
final class Pkcs8 {
  private static final int SEQUENCE = 0x30;
  private static final int INTEGER = 0x02;
  private static final int OCTET_STRING = 0x04;
  private static final int NULL = 0x05;
  private static final int OID = 0x06;

  /** The context-specific, constructed tag [0] holding a SEC1 key's curve. */
  private static final int SEC1_PARAMETERS = 0xa0;

  /** rsaEncryption, 1.2.840.113549.1.1.1 (RFC 8017 appendix A.1), with its DER tag and length. */
  private static final byte[] RSA_ENCRYPTION = {
    0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01
  };

  /** id-ecPublicKey, 1.2.840.10045.2.1 (RFC 5480 section 2.1.1), with its DER tag and length. */
  private static final byte[] EC_PUBLIC_KEY = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private Pkcs8() {}

  /** A PKCS#1 {@code RSAPrivateKey} as PKCS#8: the algorithm is rsaEncryption with NULL. */
  static byte[] fromPkcs1(byte[] rsaPrivateKey) {
    byte[] algorithm = tlv(SEQUENCE, concat(RSA_ENCRYPTION, new byte[] {NULL, 0}));
    return privateKeyInfo(algorithm, rsaPrivateKey);
  }

  /**
   * A SEC1 {@code ECPrivateKey} as PKCS#8: the algorithm is id-ecPublicKey with the named curve the
   * SEC1 structure carries in its {@code [0]} field (OpenSSL always writes it).
   *
   * @throws IllegalArgumentException if the key names no curve or is not DER
   */
  static byte[] fromSec1(byte[] ecPrivateKey) {
    byte[] curve = sec1Curve(ecPrivateKey);
    byte[] algorithm = tlv(SEQUENCE, concat(EC_PUBLIC_KEY, curve));
    return privateKeyInfo(algorithm, ecPrivateKey);
  }

  private static byte[] privateKeyInfo(byte[] algorithm, byte[] key) {
    byte[] version = {INTEGER, 1, 0};
    return tlv(SEQUENCE, concat(version, algorithm, tlv(OCTET_STRING, key)));
  }

  /**
   * The curve OID (tag, length and value) inside {@code ECPrivateKey ::= SEQUENCE { version,
   * privateKey OCTET STRING, [0] parameters OPTIONAL, [1] publicKey OPTIONAL }}.
   */
  static byte[] sec1Curve(byte[] der) {
    Reader outer = new Reader(der, 0, der.length);
    Reader body = outer.enter(SEQUENCE);
    body.skip(INTEGER);
    body.skip(OCTET_STRING);
    if (!body.hasMore() || body.peekTag() != SEC1_PARAMETERS) {
      throw new IllegalArgumentException("EC private key names no curve");
    }
    Reader parameters = body.enter(SEC1_PARAMETERS);
    if (parameters.peekTag() != OID) {
      throw new IllegalArgumentException("EC private key with explicit curve parameters");
    }
    return parameters.rest();
  }

  /** Tag, DER length, value. */
  static byte[] tlv(int tag, byte[] value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
    out.write(tag);
    int n = value.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(n >>> (8 * i));
      }
    }
    out.writeBytes(value);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Reads DER elements in {@code [pos, end)} of one array. */
  private static final class Reader {
    private final byte[] der;
    private int pos;
    private final int end;

    Reader(byte[] der, int pos, int end) {
      this.der = der;
      this.pos = pos;
      this.end = end;
    }

    boolean hasMore() {
      return pos < end;
    }

    int peekTag() {
      need(1);
      return der[pos] & 0xff;
    }

    /** The contents of the next element, which must have {@code tag}. */
    Reader enter(int tag) {
      int[] span = next(tag);
      return new Reader(der, span[0], span[1]);
    }

    void skip(int tag) {
      next(tag);
    }

    byte[] rest() {
      return Arrays.copyOfRange(der, pos, end);
    }

    /** Moves past the next element; returns the start and end of its contents. */
    private int[] next(int tag) {
      if (peekTag() != tag) {
        throw new IllegalArgumentException(
            "DER: expected tag 0x" + Integer.toHexString(tag) + " at offset " + pos);
      }
      pos++;
      need(1);
      int first = der[pos++] & 0xff;
      int length;
      if (first < 0x80) {
        length = first;
      } else {
        int bytes = first & 0x7f;
        if (bytes == 0 || bytes > 3) {
          throw new IllegalArgumentException("DER: unsupported length at offset " + pos);
        }
        need(bytes);
        length = 0;
        for (int i = 0; i < bytes; i++) {
          length = (length << 8) | (der[pos++] & 0xff);
        }
      }
      need(length);
      int start = pos;
      pos += length;
      return new int[] {start, pos};
    }

    private void need(int n) {
      if (n > end - pos) {
        throw new IllegalArgumentException("DER: truncated at offset " + pos);
      }
    }
  }
}
