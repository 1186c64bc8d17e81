package cn.examcore.server.conduct;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.attempt.domain.AttemptState;
import cn.examcore.server.attempt.domain.Result;
import cn.examcore.server.results.ResultLine;
import cn.examcore.server.results.ResultRow;
import cn.examcore.server.results.ResultStatus;
import cn.examcore.server.sitting.domain.Candidate;
import cn.examcore.server.sitting.domain.Sitting;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("AdjustedResults")
class AdjustedResultsTest {

    private static final Sitting SITTING = new Sitting("S1", "理论", "企业人力资源管理师", 4, Subject.THEORY,
            1_700_000_000_000L, 90, 30, 60, "123456", 0, null, null, 0);

    private static ResultLine line(String ticket, Result result, boolean attended) {
        Candidate c = new Candidate("S1", ticket, "310101199001011234", "张三", "R1-0" + ticket.charAt(1),
                Set.of(Subject.THEORY), "");
        return new ResultLine(c, "第1考场", Optional.ofNullable(result), AttemptState.SUBMITTED, attended);
    }

    @Test
    @DisplayName("an absent candidate's export row gives the paper's full score, not 0, and no score")
    void absentRowCarriesThePapersFullScore() {
        Result sat = new Result("A1", "S1", "T1", "张三", "THEORY", new BigDecimal("72"), new BigDecimal("100"), false,
                true, 1_700_000_100_000L, "SUBMITTED");
        List<ResultRow> rows = new AdjustedResults(SITTING, List.of(
                new AdjustedLine(line("T1", sat, true), Optional.empty()),
                new AdjustedLine(line("T2", null, false), Optional.empty()))).exportRows();
        ResultRow absent = rows.stream().filter(r -> r.ticket().equals("T2")).findFirst().orElseThrow();
        assertThat(absent.status()).isEqualTo(ResultStatus.ABSENT);
        assertThat(absent.maxScore()).isEqualByComparingTo("100");
        assertThat(absent.total()).isNull();
    }

    @Test
    @DisplayName("with nobody's result yet, an absent row leaves the full score blank rather than say 0")
    void noResultYetLeavesTheFullScoreBlank() {
        List<ResultRow> rows = new AdjustedResults(SITTING, List.of(
                new AdjustedLine(line("T2", null, false), Optional.empty()))).exportRows();
        assertThat(rows.get(0).maxScore()).isNull();
    }
}
