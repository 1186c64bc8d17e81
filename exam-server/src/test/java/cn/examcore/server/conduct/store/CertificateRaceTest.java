package cn.examcore.server.conduct.store;

import cn.examcore.server.config.ServerConfig;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The certificate/decision race on H2; the same race on PostgreSQL is in {@code PostgresStoreIT}. */
@DisplayName("Certificate issuing racing decisions (H2)")
class CertificateRaceTest {

    @Test
    @DisplayName("A decision recorded while certificates are issued never leaves a valid certificate for its result")
    void noValidCertificateForACancelledResult() throws Exception {
        CertificateRace.run(ServerConfig.defaults().with(Map.of("db-url",
                "jdbc:h2:mem:race-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")), 60);
    }
}
