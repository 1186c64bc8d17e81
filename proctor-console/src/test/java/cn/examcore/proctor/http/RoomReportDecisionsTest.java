package cn.examcore.proctor.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.contract.MisconductCode;
import cn.examcore.proctor.report.RoomReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How exam-server's decision list (append-only, with {@code revises}/{@code revisedBy}) becomes the record's rows. */
class RoomReportDecisionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode decisions(String json) throws Exception {
        return JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    @DisplayName("A decision revised twice on appeal is one row carrying both revisions in order; a first decision"
            + " that never confirmed misconduct and a decision at another room's seat are left out")
    void revisionsFollowTheChain() throws Exception {
        JsonNode list = decisions("""
                [{'decisionId':'d1','seatCode':'R1-01','category':'B2','severity':null,'outcome':'CONFIRMED',
                  'by':'p1','at':1000,'reason':'notes','sanction':{'cancels':'ALL_SUBJECTS'},'revises':null,
                  'revisedBy':'d2'},
                 {'decisionId':'d2','seatCode':'R1-01','category':'B2','severity':null,'outcome':'DISMISSED',
                  'by':'chief','at':2000,'reason':'appeal upheld','sanction':null,'revises':'d1','revisedBy':'d3'},
                 {'decisionId':'d3','seatCode':'R1-01','category':'A3','severity':null,'outcome':'CONFIRMED',
                  'by':'admin2','at':3000,'reason':'on second look','sanction':{'cancels':'SUBJECT'},
                  'revises':'d2','revisedBy':null},
                 {'decisionId':'d4','seatCode':'R1-02','category':'A1','severity':null,'outcome':'DISMISSED',
                  'by':'p1','at':1500,'reason':'no','sanction':null,'revises':null,'revisedBy':null},
                 {'decisionId':'d5','seatCode':'R9-01','category':'B1','severity':null,'outcome':'CONFIRMED',
                  'by':'p9','at':1600,'reason':'x','sanction':{'cancels':'ALL_SUBJECTS'},'revises':null,
                  'revisedBy':null}]
                """);
        List<RoomReport.Decision> rows = RoomReports.decisions(list, Set.of("R1-01", "R1-02"));
        assertThat(rows).hasSize(1);
        RoomReport.Decision d = rows.get(0);
        assertThat(d.category()).isEqualTo(MisconductCode.B2);
        assertThat(d.outcome()).isEqualTo("取消当次全部科目成绩");
        assertThat(d.revisions()).extracting(RoomReport.Revision::confirmed, RoomReport.Revision::category,
                        RoomReport.Revision::outcome, RoomReport.Revision::by, RoomReport.Revision::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(false, null, "不予认定，撤销处理", "chief", "appeal upheld"),
                        org.assertj.core.groups.Tuple.tuple(true, MisconductCode.A3, "取消当次该科目成绩", "admin2",
                                "on second look"));
        assertThat(d.standsConfirmed()).isTrue();
    }

    @Test
    @DisplayName("A confirmed decision dismissed on appeal stays on the record, no longer standing")
    void dismissedStays() throws Exception {
        JsonNode list = decisions("""
                [{'decisionId':'d1','seatCode':'R1-01','category':'B2','outcome':'CONFIRMED','by':'p1','at':1000,
                  'sanction':{'cancels':'ALL_SUBJECTS'},'revises':null,'revisedBy':'d2'},
                 {'decisionId':'d2','seatCode':'R1-01','category':'B2','outcome':'DISMISSED','by':'chief','at':2000,
                  'reason':'appeal upheld','sanction':null,'revises':'d1','revisedBy':null}]
                """);
        List<RoomReport.Decision> rows = RoomReports.decisions(list, Set.of("R1-01"));
        assertThat(rows).singleElement().satisfies(d -> {
            assertThat(d.revised()).isTrue();
            assertThat(d.standsConfirmed()).isFalse();
            assertThat(d.standing()).isEqualTo("不予认定，撤销处理");
        });
    }
}
