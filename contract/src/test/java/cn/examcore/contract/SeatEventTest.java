package cn.examcore.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SeatEventTest {

    /** Configured as exam-server's and the console's mappers are, where it matters for numbers and unknown fields. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** One detail of every kind, as the server or a reporter writes it. */
    static EventDetail sample(SeatEvent.Kind kind) {
        return switch (kind) {
            case VISIBILITY_HIDDEN, VISIBILITY_VISIBLE, BLUR, FOCUS, FULLSCREEN_EXIT, FULLSCREEN_ENTER, PASTE, OFFLINE,
                 ONLINE -> new EventDetail.Reported(Map.of("value", "x", "nested", Map.of("size", 32)));
            case USB_STORAGE_REMOVED, DISPLAY_ATTACHED, DISPLAY_DETACHED, BLUETOOTH_DEVICE_SEEN, EARPHONE_DETECTED,
                 PRESENCE_LOST, PRESENCE_REGAINED -> new EventDetail.AgentReport(null, Map.of());
            case USB_STORAGE_INSERTED -> new EventDetail.AgentReport("KINGSTON 32GB", Map.of());
            case PHONE_DETECTED -> new EventDetail.AgentReport(null, Map.of("rssi", "-48"));
            case LOGIN, SOCKET_OPENED, RECONNECT, DISCONNECT -> EventDetail.NoFacts.NONE;
            case WRONG_SEAT -> new EventDetail.WrongSeat("T1", "R101-01", "R101-09");
            case HEARTBEAT_GAP -> new EventDetail.HeartbeatGap(31, false);
            case PAUSED, RESUMED -> new EventDetail.ProctorAction("p1", kind == SeatEvent.Kind.PAUSED ? "ill" : null);
            case REOPENED -> new EventDetail.ProctorAction("p1", "submitted by mistake");
            case EXTENDED -> new EventDetail.Extended("p1", "terminal swap", 300);
            case REMINDED -> new EventDetail.Reminded("p1", null, "please sit down", MisconductCode.A2);
            case REMINDER_ACKNOWLEDGED -> new EventDetail.ReminderAcknowledged("e-7");
            case LEAVE_PERMITTED -> new EventDetail.LeavePermitted("p1", "toilet", 1_790_000_600_000L);
            case INCIDENT_RECORDED -> new EventDetail.IncidentRecorded(MisconductCode.C5, "notes on desk", "p1");
            case SUBMITTED, AUTO_SUBMITTED -> new EventDetail.Submission(42, "ab".repeat(32), "0A1B-2C3D-4E5F");
            case DECISION_RECORDED -> new EventDetail.DecisionRecorded("d-1", MisconductCode.B1, "CONFIRMED", null,
                    "chief");
            case SEAT_CHANGED -> new EventDetail.SeatChanged("p1", "broken screen", "R101-01", "R101-30");
            case FORCE_SUBMITTED -> new EventDetail.ForceSubmitted("p1", "left the room");
            case OFFLINE_ANSWERS_MERGED -> new EventDetail.OfflineAnswersMerged("p1", 3, 40, "ab".repeat(32),
                    "0A1B-2C3D-4E5F", 1_790_000_000_000L);
            case IDENTITY_MISMATCH -> new EventDetail.IdentityMismatch("photo");
            case IDENTITY_CONFIRMED -> new EventDetail.IdentityConfirmed("IDR-210");
            case IDENTITY_VERIFIED -> new EventDetail.IdentityVerified("p1", "SEAT");
            case ANNOUNCEMENT_ACKNOWLEDGED -> new EventDetail.AnnouncementAcknowledged("a-1");
            case RULES_ACKNOWLEDGED -> new EventDetail.RulesAcknowledged("2025-1");
            case LATE_ENTRY_REFUSED -> new EventDetail.LateEntryRefused("T1", 1_790_000_900_000L);
            case EVENTS_FOLDED -> new EventDetail.Folded("BLUR", 2_980, 1_790_000_000_000L, 1_790_000_060_000L);
        };
    }

    private static SeatEvent event(SeatEvent.Kind kind, EventDetail detail) {
        return new SeatEvent("e-1", "S1", "A1", "R101-01", kind.source(), kind, detail, 5, 1_790_000_000_000L);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(SeatEvent.Kind.class)
    @DisplayName("Every kind goes to JSON as its name with a flat detail object and comes back equal")
    void roundTrip(SeatEvent.Kind kind) throws Exception {
        SeatEvent e = event(kind, sample(kind));
        JsonNode json = JSON.valueToTree(e);
        assertThat(json.get("kind").asText()).isEqualTo(kind.name());
        assertThat(json.get("source").asText()).isEqualTo(kind.source().name());
        assertThat(json.get("detail").isObject()).isTrue();
        assertThat(json.get("detail").has("type")).isFalse();
        SeatEvent back = JSON.readValue(JSON.writeValueAsString(e), SeatEvent.class);
        assertThat(back).isEqualTo(e);
        assertThat(back.detail()).isInstanceOf(kind.detailType());
    }

    @Test
    @DisplayName("A detail reads the shape the server has always stored: named fields, optional ones left out")
    void storedShape() throws Exception {
        SeatEvent e = JSON.readValue("""
                {"id":"e-2","sittingId":"S1","attemptId":"A1","seatCode":"R1","source":"SERVER","kind":"REMINDED",
                 "detail":{"by":"p1","message":"please"},"observedAt":0,"at":7}""", SeatEvent.class);
        assertThat(e.detail()).isEqualTo(new EventDetail.Reminded("p1", null, "please", null));
        assertThat(JSON.writeValueAsString(e.detail())).isEqualTo("{\"by\":\"p1\",\"message\":\"please\"}");
        assertThat(JSON.writeValueAsString(EventDetail.NoFacts.NONE)).isEqualTo("{}");
        SeatEvent login = JSON.readValue("""
                {"id":"e-3","sittingId":"S1","seatCode":"R1","source":"SERVER","kind":"LOGIN","at":7}""",
                SeatEvent.class);
        assertThat(login.detail()).isEqualTo(EventDetail.NoFacts.NONE);
        SeatEvent usb = JSON.readValue("""
                {"id":"e-4","sittingId":"S1","seatCode":"R1","source":"AGENT","kind":"USB_STORAGE_INSERTED",
                 "detail":{"vendor":"K","label":"KINGSTON 32GB"},"at":7}""", SeatEvent.class);
        assertThat(usb.detail()).isEqualTo(new EventDetail.AgentReport("KINGSTON 32GB", Map.of("vendor", "K")));
        assertThat(JSON.writeValueAsString(usb.detail())).isEqualTo("{\"label\":\"KINGSTON 32GB\",\"vendor\":\"K\"}");
    }

    static Stream<Arguments> misfits() {
        return Stream.of(
                Arguments.of("LEAVE_PERMITTED", "{\"by\":\"p\",\"reason\":\"r\",\"until\":\"soon\"}",
                        "detail.until of a LEAVE_PERMITTED event must be a whole number, got 'soon'"),
                Arguments.of("LEAVE_PERMITTED", "{\"by\":\"p\",\"reason\":\"r\"}",
                        "detail.until of a LEAVE_PERMITTED event is missing"),
                Arguments.of("INCIDENT_RECORDED", "{\"category\":\"X9\",\"note\":\"n\",\"by\":\"p\"}",
                        "detail.category of a INCIDENT_RECORDED event must be a misconduct category code"),
                Arguments.of("REMINDED", "{\"by\":\"p\",\"message\":\"m\",\"until\":5}",
                        "detail.until of a REMINDED event is not one of its facts (it has by, category, message, reason)"),
                Arguments.of("HEARTBEAT_GAP", "{\"silentSeconds\":3.5,\"connected\":true}",
                        "detail.silentSeconds of a HEARTBEAT_GAP event must be a whole number, got 3.5"),
                Arguments.of("LOGIN", "{\"by\":\"p\"}", "detail.by of a LOGIN event is not one of its facts (it has none)"),
                Arguments.of("REMINDER_ACKNOWLEDGED", "{\"reminderId\":7}",
                        "detail.reminderId of a REMINDER_ACKNOWLEDGED event must be a non-blank string, got 7"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("misfits")
    @DisplayName("A detail that does not fit its kind is refused, naming the field")
    void misfit(String kind, String detail, String message) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree("""
                {"id":"e-4","sittingId":"S1","seatCode":"R1","source":"SERVER","at":7}""");
        json.put("kind", kind);
        json.set("detail", JSON.readTree(detail));
        assertThatThrownBy(() -> JSON.treeToValue(json, SeatEvent.class)).hasMessageContaining(message);
    }

    @Test
    @DisplayName("An unknown kind, a source the kind is not reported by and a detail of another kind are refused")
    void wrongKindOrSource() throws Exception {
        assertThatThrownBy(() -> JSON.readValue("""
                {"id":"e","sittingId":"S","seatCode":"R","source":"BROWSER","kind":"LASER","at":7}""",
                SeatEvent.class)).hasMessageContaining("LASER");
        assertThatThrownBy(() -> new SeatEvent("e", "S", null, "R", SeatEvent.Source.AGENT, SeatEvent.Kind.BLUR,
                null, 0, 7)).hasMessage("a BLUR event is reported by BROWSER, not AGENT");
        assertThatThrownBy(() -> event(SeatEvent.Kind.LEAVE_PERMITTED, new EventDetail.ForceSubmitted("p", "r")))
                .hasMessage("detail of a LEAVE_PERMITTED event must be LeavePermitted, not ForceSubmitted");
        assertThatThrownBy(() -> event(SeatEvent.Kind.REMINDED, null))
                .hasMessageContaining("detail.by of a REMINDED event is missing");
    }

    @Test
    @DisplayName("Exactly the candidate's, the deadline's and a proctor's submission end an attempt")
    void endsAttempt() {
        Set<SeatEvent.Kind> ending = EnumSet.allOf(SeatEvent.Kind.class).stream()
                .filter(SeatEvent.Kind::endsAttempt).collect(Collectors.toSet());
        assertThat(ending).containsExactlyInAnyOrder(SeatEvent.Kind.SUBMITTED, SeatEvent.Kind.AUTO_SUBMITTED,
                SeatEvent.Kind.FORCE_SUBMITTED);
    }

    @Test
    @DisplayName("A kind is found by name only among those of its reporter")
    void reportedBy() {
        assertThat(SeatEvent.Kind.reportedBy(SeatEvent.Source.AGENT, "PHONE_DETECTED"))
                .contains(SeatEvent.Kind.PHONE_DETECTED);
        assertThat(SeatEvent.Kind.reportedBy(SeatEvent.Source.AGENT, "BLUR")).isEmpty();
        assertThat(SeatEvent.Kind.reportedBy(SeatEvent.Source.BROWSER, "REMINDED")).isEmpty();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("b", 1);
        facts.put("a", null);
        assertThat(new EventDetail.Reported(facts).facts().keySet()).containsExactly("b", "a");
    }
}
