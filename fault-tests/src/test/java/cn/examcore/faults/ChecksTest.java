package cn.examcore.faults;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.assembly.Paper;
import cn.examcore.bank.assembly.PaperItem;
import cn.examcore.bank.assembly.PaperSection;
import cn.examcore.bank.model.Choice;
import cn.examcore.bank.model.ItemType;
import cn.examcore.contract.Receipt;
import cn.examcore.server.attempt.domain.Digest;
import cn.examcore.server.attempt.domain.ReceiptSigner;
import java.math.BigDecimal;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The fault checker's own rules, so a checker that cannot fail is caught here and not after a lost result. */
@DisplayName("The fault checker's rules for results and receipts")
class ChecksTest {

    private static final Paper PAPER = new Paper("bp", "bank", 1, 1, List.of(
            new PaperSection("s1", "判断题", ItemType.TRUE_FALSE, List.of(new PaperItem(1, "tf-1", ItemType.TRUE_FALSE,
                    "stem", List.of(), List.of(), Set.of(), true, List.of(), new BigDecimal("2"), null, List.of(),
                    null))),
            new PaperSection("s2", "单选题", ItemType.SINGLE_CHOICE, List.of(new PaperItem(2, "sc-1",
                    ItemType.SINGLE_CHOICE, "stem", List.of(new Choice("A", "a", false), new Choice("B", "b", false)),
                    List.of("A", "B"), Set.of("A"), null, List.of(), new BigDecimal("3"), null, List.of(), null)))));

    private static final Map<Integer, FaultRun.Stored> STORED = Map.of(
            1, new FaultRun.Stored(4, "true"), 2, new FaultRun.Stored(2, "\"B\""));

    @Test
    @DisplayName("a result equal to its stored answers scored again passes; any other score or maximum is named")
    void rescoring() {
        assertThat(Checks.rescoreMismatch("a1", PAPER, STORED, new BigDecimal("2.00"), new BigDecimal("5")))
                .isNull();
        assertThat(Checks.rescoreMismatch("a1", PAPER, STORED, new BigDecimal("5"), new BigDecimal("5")))
                .isEqualTo("result of a1 is 5/5, its stored answers score 2/5");
        assertThat(Checks.rescoreMismatch("a1", PAPER, Map.of(1, new FaultRun.Stored(5, "null")), BigDecimal.ZERO,
                new BigDecimal("5"))).as("a cleared answer scores nothing").isNull();
        assertThat(Checks.rescoreMismatch("a1", PAPER, STORED, new BigDecimal("2"), new BigDecimal("3")))
                .contains("is 2/3");
    }

    @Test
    @DisplayName("a receipt passes only when signed by a known key, for the stored freeze and the stored values")
    void receipts() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        ReceiptSigner signer = new ReceiptSigner("rk-1", pair.getPrivate(), Map.of("rk-1", pair.getPublic()));
        ReceiptSigner verifier = ReceiptSigner.verifierOf(Map.of("rk-1", pair.getPublic()));
        String values = Digest.ofValues(Checks.answers(STORED));
        Receipt good = signer.sign(new Receipt("a1", 1000, 2, "d".repeat(64), null, "CODE", "T1", values, null,
                null));
        assertThat(Checks.receiptProblems(good, "a1", 1000, STORED, verifier)).isEmpty();

        Receipt forged = new Receipt("a1", 1000, 2, "d".repeat(64), null, "CODE", "T1", values, "rk-1",
                good.signature().substring(0, 10) + (good.signature().charAt(10) == 'A' ? 'B' : 'A')
                        + good.signature().substring(11));
        assertThat(Checks.receiptProblems(forged, "a1", 1000, STORED, verifier)).singleElement().asString()
                .contains("does not verify: BAD_SIGNATURE");
        assertThat(Checks.receiptProblems(good, "a1", 1000, STORED, ReceiptSigner.verifierOf(Map.of())))
                .singleElement().asString().contains("UNKNOWN_KEY");
        assertThat(Checks.receiptProblems(good, "a1", 999, STORED, verifier)).singleElement().asString()
                .contains("names the freeze at 1000, the stored one is at 999");
        assertThat(Checks.receiptProblems(good, "a2", 1000, STORED, verifier)).singleElement().asString()
                .contains("names attempt a1");
        Map<Integer, FaultRun.Stored> otherValue = Map.of(1, new FaultRun.Stored(4, "false"),
                2, new FaultRun.Stored(2, "\"B\""));
        assertThat(Checks.receiptProblems(good, "a1", 1000, otherValue, verifier)).singleElement().asString()
                .contains("binds values " + values);
    }
}
