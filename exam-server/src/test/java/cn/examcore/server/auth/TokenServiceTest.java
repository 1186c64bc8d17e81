package cn.examcore.server.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("TokenService")
class TokenServiceTest {

    private static final String SECRET = "k3y-for-tests-0123456789-abcdefghij-XYZ";
    private static Vertx vertx;

    private MutableClock clock;
    private TokenService tokens;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() throws Exception {
        await(vertx.close());
    }

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.now());
        tokens = new TokenService(vertx, SECRET, clock);
    }

    @Test
    @DisplayName("a staff token verifies to the username, role and rooms it was issued with")
    void staffRoundTrip() throws Exception {
        String token = tokens.issueStaff("wang.li", Role.PROCTOR, Set.of("R101", "R102"), Duration.ofHours(8));

        Claims claims = await(tokens.verify(token));

        assertThat(claims).isInstanceOfSatisfying(StaffClaims.class, staff -> {
            assertThat(staff.username()).isEqualTo("wang.li");
            assertThat(staff.role()).isEqualTo(Role.PROCTOR);
            assertThat(staff.roomIds()).containsExactlyInAnyOrder("R101", "R102");
            assertThat(staff.mayAccessRoom("R101")).isTrue();
            assertThat(staff.mayAccessRoom("R201")).isFalse();
            assertThat(staff.expiresAt()).isEqualTo(Instant.ofEpochSecond(clock.instant().getEpochSecond())
                    .plus(Duration.ofHours(8)));
            assertThat(staff.tokenId()).isNotBlank();
        });
    }

    @Test
    @DisplayName("an administrator may access every room whatever rooms the token lists")
    void adminSeesEveryRoom() throws Exception {
        StaffClaims admin = await(tokens.verify(
                tokens.issueStaff("root", Role.ADMIN, Set.of(), Duration.ofHours(1)), StaffClaims.class));

        assertThat(admin.mayAccessRoom("R999")).isTrue();
    }

    @Test
    @DisplayName("a candidate token carries the attempt, seat, ticket and generation")
    void candidateRoundTrip() throws Exception {
        String token = tokens.issueCandidate("att-1", "R101-07", "2025310001", 3, Duration.ofHours(3));

        CandidateClaims claims = await(tokens.verify(token, CandidateClaims.class));

        assertThat(claims.attemptId()).isEqualTo("att-1");
        assertThat(claims.seatCode()).isEqualTo("R101-07");
        assertThat(claims.ticket()).isEqualTo("2025310001");
        assertThat(claims.generation()).isEqualTo(3);
    }

    @Test
    @DisplayName("a terminal token names its seat and sitting and lives for the default 48 hours")
    void terminalRoundTrip() throws Exception {
        String token = tokens.issueTerminal("R101-07", "sitting-9");

        TerminalClaims claims = await(tokens.verify(token, TerminalClaims.class));

        assertThat(claims.seatCode()).isEqualTo("R101-07");
        assertThat(claims.sittingId()).isEqualTo("sitting-9");
        assertThat(Duration.between(claims.issuedAt(), claims.expiresAt())).isEqualTo(Duration.ofHours(48));
    }

    @Test
    @DisplayName("every token gets its own id")
    void tokenIdsAreUnique() throws Exception {
        Claims a = await(tokens.verify(tokens.issueTerminal("R1-1", "s")));
        Claims b = await(tokens.verify(tokens.issueTerminal("R1-1", "s")));

        assertThat(a.tokenId()).isNotEqualTo(b.tokenId());
    }

    @Test
    @DisplayName("a token signed with another secret is refused as BAD_TOKEN")
    void forgedSignature() {
        TokenService other = new TokenService(vertx, "another-secret-0123456789-abcdefghij-XYZ", clock);
        String forged = other.issueStaff("mallory", Role.ADMIN, Set.of(), Duration.ofHours(1));

        assertRefused(tokens.verify(forged), AuthException.Reason.BAD_TOKEN);
    }

    @Test
    @DisplayName("a token whose payload was edited after signing is refused as BAD_TOKEN")
    void tamperedPayload() {
        String token = tokens.issueStaff("wang.li", Role.PROCTOR, Set.of("R101"), Duration.ofHours(1));
        String[] parts = token.split("\\.");
        JsonObject payload = new JsonObject(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        payload.put("role", "ADMIN");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertRefused(tokens.verify(tampered), AuthException.Reason.BAD_TOKEN);
    }

    @Test
    @DisplayName("an unsigned token (alg none) is refused as BAD_TOKEN")
    void unsignedToken() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        long now = clock.instant().getEpochSecond();
        String payload = b64(new JsonObject().put("kind", "staff").put("sub", "mallory").put("role", "ADMIN")
                .put("rooms", new io.vertx.core.json.JsonArray()).put("iss", "examcore").put("jti", "x")
                .put("iat", now).put("exp", now + 3600).encode());

        assertRefused(tokens.verify(header + "." + payload + "."), AuthException.Reason.BAD_TOKEN);
    }

    @Test
    @DisplayName("a token signed with our secret but another issuer or without a kind is refused as BAD_TOKEN")
    void foreignIssuerOrKind() {
        JWTAuth raw = JWTAuth.create(vertx, new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(SECRET)));
        long now = clock.instant().getEpochSecond();
        JsonObject base = new JsonObject().put("sub", "R1-1").put("sitting", "s").put("jti", "j")
                .put("iat", now).put("exp", now + 3600);
        String otherIssuer = raw.generateToken(base.copy().put("kind", "terminal").put("iss", "someone-else"),
                new JWTOptions().setNoTimestamp(true));
        String noKind = raw.generateToken(base.copy().put("iss", "examcore"), new JWTOptions().setNoTimestamp(true));

        assertRefused(tokens.verify(otherIssuer), AuthException.Reason.BAD_TOKEN);
        assertRefused(tokens.verify(noKind), AuthException.Reason.BAD_TOKEN);
    }

    @Test
    @DisplayName("garbage, blank and null tokens are refused as BAD_TOKEN")
    void garbage() {
        assertRefused(tokens.verify("not-a-jwt"), AuthException.Reason.BAD_TOKEN);
        assertRefused(tokens.verify("a.b.c"), AuthException.Reason.BAD_TOKEN);
        assertRefused(tokens.verify(" "), AuthException.Reason.BAD_TOKEN);
        assertRefused(tokens.verify(null), AuthException.Reason.BAD_TOKEN);
    }

    @Test
    @DisplayName("a token is accepted until its expiry and refused as STALE_TOKEN from then on")
    void expiry() throws Exception {
        String token = tokens.issueCandidate("att-1", "R101-07", "T1", Duration.ofMinutes(10));

        clock.advance(Duration.ofMinutes(9));
        assertThat(await(tokens.verify(token, CandidateClaims.class)).attemptId()).isEqualTo("att-1");

        clock.advance(Duration.ofMinutes(1));
        assertRefused(tokens.verify(token), AuthException.Reason.STALE_TOKEN);
    }

    @Test
    @DisplayName("a token issued further in the future than the allowed clock skew is refused as STALE_TOKEN")
    void issuedInFuture() {
        MutableClock ahead = new MutableClock(clock.instant().plus(Duration.ofMinutes(5)));
        String token = new TokenService(vertx, SECRET, ahead).issueTerminal("R1-1", "s");

        assertRefused(tokens.verify(token), AuthException.Reason.STALE_TOKEN);
    }

    @Test
    @DisplayName("a token of another kind than the endpoint expects is refused as WRONG_KIND")
    void wrongKind() {
        String terminal = tokens.issueTerminal("R101-07", "sitting-9");
        String candidate = tokens.issueCandidate("att-1", "R101-07", "T1", Duration.ofHours(1));

        assertRefused(tokens.verify(terminal, StaffClaims.class), AuthException.Reason.WRONG_KIND);
        assertRefused(tokens.verify(candidate, TerminalClaims.class), AuthException.Reason.WRONG_KIND);
    }

    @Test
    @DisplayName("a candidate token of an older generation is refused as STALE_TOKEN by the caller's check")
    void supersededGeneration() throws Exception {
        long[] storedGeneration = {0};
        String before = tokens.issueCandidate("att-1", "R101-07", "T1", storedGeneration[0], Duration.ofHours(1));
        // The proctor moves the candidate: the stored generation goes up and a new token is issued.
        storedGeneration[0]++;
        String after = tokens.issueCandidate("att-1", "R102-01", "T1", storedGeneration[0], Duration.ofHours(1));

        assertRefused(tokens.verify(before, CandidateClaims.class,
                c -> Future.succeededFuture(c.generation() == storedGeneration[0])), AuthException.Reason.STALE_TOKEN);
        CandidateClaims current = await(tokens.verify(after, CandidateClaims.class,
                c -> Future.succeededFuture(c.generation() == storedGeneration[0])));
        assertThat(current.seatCode()).isEqualTo("R102-01");
    }

    @Test
    @DisplayName("a secret shorter than 32 bytes or made of few distinct characters is refused at start")
    void weakSecrets() {
        assertThatThrownBy(() -> new TokenService(vertx, "short-secret", clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> new TokenService(vertx, null, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> new TokenService(vertx, "a".repeat(64), clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repetitive");
    }

    @Test
    @DisplayName("issuing with a blank subject, a negative generation or a sub-second TTL fails naming the argument")
    void badIssueArguments() {
        assertThatThrownBy(() -> tokens.issueStaff(" ", Role.ADMIN, Set.of(), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("username");
        assertThatThrownBy(() -> tokens.issueCandidate("a", "R1-1", "T", -1, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("generation");
        assertThatThrownBy(() -> tokens.issueTerminal("R1-1", "s", Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ttl");
        assertThatThrownBy(() -> tokens.issueTerminal("R1-1", "", Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sittingId");
    }

    @Test
    @DisplayName("every refusal maps to HTTP 401")
    void refusalsAre401() {
        assertThat(new AuthException(AuthException.Reason.WRONG_KIND, "x").httpStatus()).isEqualTo(401);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRefused(Future<?> future, AuthException.Reason reason) {
        assertThatThrownBy(() -> await(future))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
