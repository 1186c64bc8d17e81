package cn.examcore.server.paper.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.bank.assembly.Assembler;
import cn.examcore.bank.assembly.BlueprintJson;
import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.io.BankImporter;
import cn.examcore.bank.model.Bank;
import cn.examcore.platform.json.Json;
import cn.examcore.server.paper.CandidatePaperView;
import cn.examcore.server.paper.PaperCrypto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A paper's kept copy")
class PaperCopyTest {

    private static final String ATTEMPT = "a-1";
    private static String paperJson;
    private static byte[] view;

    @BeforeAll
    static void paper() throws Exception {
        Bank bank = new BankImporter().importBytes("hr-4.json", resource("/samples/hr-4.json")).bank()
                .orElseThrow();
        Paper paper = Assembler.assemble(bank, BlueprintJson.read("blueprint",
                resource("/samples/hr-4-theory.blueprint.json")), 42, 0);
        paperJson = Json.encode(paper);
        view = CandidatePaperView.bytes(ATTEMPT, "企业人力资源管理师 四级 理论知识", paper);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = PaperCopyTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    @DisplayName("Sealed again from the copy, the view is the very ciphertext the seat received")
    void sealsToTheSameCiphertext() throws Exception {
        byte[] key = PaperCrypto.newKey();
        PaperCrypto.Sealed sealed = PaperCrypto.seal(key, view);
        PaperCopy kept = PaperCopy.decode(new PaperCopy(ATTEMPT, "s-1", paperJson, view, key, sealed.iv()).encode());

        assertThat(kept.attemptId()).isEqualTo(ATTEMPT);
        assertThat(kept.sittingId()).isEqualTo("s-1");
        assertThat(kept.paperJson()).isEqualTo(paperJson);
        assertThat(kept.key()).isEqualTo(key);
        assertThat(PaperCrypto.sealAgain(kept.key(), kept.iv(), kept.view())).isEqualTo(sealed.ciphertext());
        assertThat(PaperCrypto.open(key, sealed.iv(), sealed.ciphertext())).isEqualTo(view);
    }

    @Test
    @DisplayName("Paper and view together cost less than the paper alone")
    void compact() {
        byte[] encoded = new PaperCopy(ATTEMPT, "s-1", paperJson, view, new byte[32], new byte[12]).encode();
        int paperBytes = paperJson.getBytes(StandardCharsets.UTF_8).length;
        assertThat(encoded.length).as("copy of a paper of %d bytes and a view of %d", paperBytes, view.length)
                .isLessThan(paperBytes);
    }

    @Test
    @DisplayName("Bytes that are not a copy are refused with what is wrong, never misread")
    void malformed() {
        byte[] encoded = new PaperCopy(ATTEMPT, "s-1", paperJson, view, new byte[32], new byte[12]).encode();
        assertThatThrownBy(() -> PaperCopy.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        byte[] otherFormat = encoded.clone();
        otherFormat[0] = 7;
        assertThatThrownBy(() -> PaperCopy.decode(otherFormat)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format 7");
        assertThatThrownBy(() -> PaperCopy.decode(Arrays.copyOf(encoded, encoded.length / 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("paper copy");
        byte[] corrupt = encoded.clone();
        for (int i = encoded.length - 200; i < encoded.length - 100; i++) {
            corrupt[i] ^= 0x5a;
        }
        assertThatThrownBy(() -> PaperCopy.decode(corrupt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("paper copy");
    }

    @Test
    @DisplayName("Its text names the attempt, never the key or the paper")
    void quietToString() {
        String text = new PaperCopy(ATTEMPT, "s-1", paperJson, view, new byte[32], new byte[12]).toString();
        assertThat(text).contains(ATTEMPT).doesNotContain(paperJson.substring(0, 40));
    }
}
