package cn.examcore.server.attempt.domain;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.Receipt;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Answer digest and receipt")
class DigestAndReceiptTest {

    @Test
    @DisplayName("The digest covers answered items in number order as number:rev; and skips cleared ones")
    void canonicalForm() {
        List<Answer> answers = List.of(new Answer(7, "\"A\"", 2, 0), new Answer(1, "true", 3, 0),
                new Answer(2, "[\"x\"]", 1, 0), new Answer(4, null, 9, 0));
        assertThat(Digest.canonical(answers)).isEqualTo("1:3;2:1;7:2;");
        // SHA-256 of "1:3;2:1;7:2;" computed independently with sha256sum.
        assertThat(Digest.of(answers)).isEqualTo("a5d0ef82814b022c3243045ed216e8ce1cc1865d9530431a26f888bf52340c97");
        assertThat(Digest.of(List.of())).isEqualTo(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    @DisplayName("A receipt counts answered items, carries the digest and says whether the page's digest matched")
    void receipt() {
        Attempt a = Attempt.create("att", "s", "T", "THEORY", "R-01", 0, 60)
                .submit(List.of(new Answer(1, "\"A\"", 1, 0), new Answer(2, null, 2, 0)), 1000,
                        Attempt.SubmitKind.SUBMITTED);
        Receipt ok = Receipts.of(a, Digest.sha256Hex("1:1;"));
        assertThat(ok.answered()).isEqualTo(1);
        assertThat(ok.digest()).isEqualTo(Digest.sha256Hex("1:1;"));
        assertThat(ok.digestMatches()).isTrue();
        assertThat(ok.code()).matches("[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}");
        assertThat(Receipts.of(a, Digest.sha256Hex("1:2;")).digestMatches()).isFalse();
        assertThat(Receipts.of(a, null).digestMatches()).isNull();
        assertThat(Receipts.of(a, null).code()).isEqualTo(ok.code());
    }
}
