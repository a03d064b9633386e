package org.gatehouse.keys.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.gatehouse.keys.entity.KeyRing.ActiveKey;
import org.gatehouse.keys.entity.StoredKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The floor under every JWT token request: signing one access token, per algorithm and provider.
 * Run by {@code bash src/test/load/bench.sh --signing} (JMH; not a unit test).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SigningBenchmark {

    private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    @Param({"RS256", "ES256"})
    public String algorithm;

    @Param({"JDK", "native"})
    public String provider;

    private ActiveKey key;
    private JWTClaimsSet claims;

    @Setup
    public void setUp() throws JOSEException {
        var jwk = KeyRepository.generate(algorithm, 2048);
        JWSSigner signer = provider.equals("native")
                ? SigningKeys.signer(new StoredKey(jwk.getKeyID(), algorithm, Instant.now(), jwk)) // what Gatehouse uses
                : new DefaultJWSSignerFactory().createJWSSigner(jwk, JWSAlgorithm.parse(algorithm));
        key = new ActiveKey(jwk.getKeyID(), algorithm, signer);
        var now = new Date();
        claims = new JWTClaimsSet.Builder().issuer("http://localhost:8080").subject("client").audience("urn:api")
                .issueTime(now).notBeforeTime(now).expirationTime(new Date(now.getTime() + 3_600_000))
                .claim("client_id", "client").claim("scope", "api1").jwtID("0123456789ABCDEF0123456789ABCDEF").build();
    }

    @Benchmark
    public String signAccessToken() throws JOSEException {
        return key.sign(AT_JWT, claims);
    }
}
