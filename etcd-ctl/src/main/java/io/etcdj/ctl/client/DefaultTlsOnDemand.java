package io.etcdj.ctl.client;

import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The JDK's default TLS context (the system's CAs), made when a request first goes to an https
 * URL. An {@link HttpClient} otherwise makes it when it is built, and that reads and parses the
 * whole CA bundle: a third of a second of an {@code etcdctl get} against an http member, which
 * never uses it (one command took 0.85-0.92 s; the Go etcdctl takes 0.03 s).
 *
 * <p>Thread-safety: thread-safe; the default context is made once.
 */
final class DefaultTlsOnDemand {
  private static final SSLContext CONTEXT = new SSLContext(new Spi(), null, "Default") {};

  private DefaultTlsOnDemand() {}

  /**
   * Gives {@code client} the on-demand context. Empty parameters keep the client from asking the
   * context for its defaults when it is built; an engine's own defaults apply instead.
   */
  static HttpClient.Builder use(HttpClient.Builder client) {
    return client.sslContext(CONTEXT).sslParameters(new SSLParameters());
  }

  private static final class Spi extends SSLContextSpi {
    private volatile SSLContext real;

    private SSLContext real() {
      SSLContext r = real;
      if (r == null) {
        try {
          r = SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException("no default TLS context", e);
        }
        real = r;
      }
      return r;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
      throw new UnsupportedOperationException("the default context is initialized already");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return real().getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return real().getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return real().createSSLEngine();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return real().createSSLEngine(host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return real().getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return real().getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return real().getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return real().getSupportedSSLParameters();
    }
  }
}
