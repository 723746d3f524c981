package dev.sriovctl.pve;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How the client trusts the PVE node's certificate, the way pve-apiclient (LWP.pm) does it:
 * either verified normally (chain to a CA this machine trusts, and the host name), or pinned by
 * the SHA-256 fingerprint of the leaf certificate, in which case only the leaf (depth 0) is
 * compared and the host name is not checked (a node's self-signed pve-ssl.pem names the node, not
 * the address used to reach it). Either way the fingerprint the server presented is remembered,
 * so a refusal can show it.
 */
final class PveTrust {

    private final Fingerprint pinned;
    private final AtomicReference<Fingerprint> presented = new AtomicReference<>();
    private final SSLContext context;

    PveTrust(Fingerprint pinned) {
        this.pinned = pinned;
        try {
            X509ExtendedTrustManager tm = pinned == null ? new Verifying(systemTrust()) : new Pinned();
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[]{tm}, new SecureRandom());
            this.context = ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    SSLContext context() {
        return context;
    }

    /** Whether the host name is checked (only when the certificate is verified normally). */
    boolean verifiesHostname() {
        return pinned == null;
    }

    Fingerprint pinned() {
        return pinned;
    }

    /** The fingerprint of the last leaf certificate the server presented, or null. */
    Fingerprint presented() {
        return presented.get();
    }

    private static X509ExtendedTrustManager systemTrust() throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init((KeyStore) null);
        for (TrustManager t : f.getTrustManagers()) {
            if (t instanceof X509ExtendedTrustManager x) return x;
        }
        throw new GeneralSecurityException("no X509 trust manager available");
    }

    private void remember(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) throw new CertificateException("the server sent no certificate");
        presented.set(Fingerprint.of(chain[0]));
    }

    /** Only the leaf's fingerprint counts; no chain, no host name (pve-apiclient with cached_fingerprints). */
    private final class Pinned extends X509ExtendedTrustManager {
        private void check(X509Certificate[] chain) throws CertificateException {
            remember(chain);
            if (!pinned.equals(presented.get())) {
                throw new CertificateException("certificate fingerprint " + presented.get() + " is not the pinned " + pinned);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** The JDK's own verification (chain and, through the socket's parameters, the host name), recording the leaf. */
    private final class Verifying extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;

        Verifying(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            remember(chain);
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            remember(chain);
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            remember(chain);
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
