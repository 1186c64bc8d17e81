package cn.examcore.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.examcore.bank.model.Subject;
import cn.examcore.server.demo.DemoSitting;
import cn.examcore.server.node.ExamNode;
import cn.examcore.server.testing.Api;
import cn.examcore.server.testing.TestNode;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The demo's operation sitting belongs to the same evaluations as its theory sitting, so a newcomer sits both
 * subjects of one evaluation with one ticket and ID number.
 */
@DisplayName("The demo's theory and operation sittings make one evaluation per candidate")
class DemoEvaluationIT {

    static TestNode node;
    static Api api;
    static String admin;
    static DemoSitting.Info operation;

    @BeforeAll
    static void start() {
        node = TestNode.builder().demo(DemoSitting.Options.theory(-60)).start();
        api = new Api(node.baseUrl());
        admin = api.adminToken(node);
        operation = ExamNode.await(DemoSitting.seedOperation(node.node(), node.demo(),
                DemoSitting.Options.operation(-60)));
    }

    @AfterAll
    static void stop() {
        api.close();
        node.close();
    }

    @Test
    @DisplayName("the operation sitting seats the theory candidates with their tickets, and the evaluation spans both")
    void oneEvaluation() {
        DemoSitting.DemoCandidate c = node.candidate(0);
        assertThat(operation.candidates().get(0).ticket()).isEqualTo(c.ticket());
        assertThat(operation.pin()).isNotEqualTo(node.pin());
        assertThat(ExamNode.await(DemoSitting.existing(node.node(), Subject.OPERATION)).orElseThrow().sittingId())
                .isEqualTo(operation.sittingId());
        assertThat(ExamNode.await(DemoSitting.existing(node.node())).orElseThrow().sittingId())
                .isEqualTo(node.sittingId());

        Api.Reply evaluation = api.get("/api/admin/evaluations/" + c.ticket(), admin);
        assertThat(evaluation.status()).as(evaluation.text()).isEqualTo(200);
        assertThat(evaluation.json().getJsonArray("sittings").stream()
                .map(o -> ((JsonObject) o).getString("subject")).toList()).containsExactlyInAnyOrder("THEORY",
                "OPERATION");
        assertThat(evaluation.json().getJsonObject("levelResult").getString("status")).isEqualTo("PENDING");

        // The same ticket and ID number log in at the operation sitting, enrolled with its own PIN.
        String terminal = api.enrol(operation.seatCodes().get(0), operation.pin());
        Api.Reply login = api.login(terminal, c.ticket(), c.idNumber());
        assertThat(login.status()).as(login.text()).isEqualTo(200);
        assertThat(login.json().getString("attemptId")).isNotBlank();
    }
}
