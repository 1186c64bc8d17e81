package cn.examcore.proctor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.examcore.contract.MisconductCode;
import cn.examcore.contract.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesConfigTest {

    @Test
    @DisplayName("The defaults are the documented thresholds")
    void defaults() {
        RulesConfig d = RulesConfig.defaults();
        assertThat(d.awaySeconds()).isEqualTo(120);
        assertThat(d.stillAwayAfterReminderSeconds()).isEqualTo(60);
        assertThat(d.leavePermissionGraceSeconds()).isEqualTo(60);
        assertThat(d.focusWindowSeconds()).isEqualTo(300);
        assertThat(d.focusLossMergeSeconds()).isEqualTo(2);
        assertThat(d.focusLossesBeforeReminder()).isEqualTo(3);
        assertThat(d.focusLossesAfterReminder()).isEqualTo(2);
        assertThat(d.pastesBeforeReminder()).isEqualTo(2);
        assertThat(d.pastesAfterReminder()).isEqualTo(1);
        assertThat(d.deviceKinds()).containsExactlyInAnyOrder("USB_STORAGE_INSERTED", "DISPLAY_ATTACHED",
                "PHONE_DETECTED", "BLUETOOTH_DEVICE_SEEN", "EARPHONE_DETECTED");
        assertThat(d.weakDeviceKinds()).isEmpty();
        assertThat(d.deviceWithFocusLossWindowSeconds()).isEqualTo(120);
        assertThat(d.seriousIncidentCategories()).containsExactlyInAnyOrder(MisconductCode.C5, MisconductCode.C6);
        assertThat(d.identityMismatchSeverity()).isEqualTo(Severity.SERIOUS);
    }

    @Test
    @DisplayName("A JSON file overrides the keys it names and keeps the other defaults")
    void json(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("rules.json");
        Files.writeString(f, "{\"awaySeconds\": 90, \"weakDeviceKinds\": [\"BLUETOOTH_DEVICE_SEEN\"],"
                + " \"deviceKinds\": [\"USB_STORAGE_INSERTED\"], \"identityMismatchSeverity\": \"MINOR\"}");
        RulesConfig c = RulesConfig.load(f);
        assertThat(c.awaySeconds()).isEqualTo(90);
        assertThat(c.deviceKinds()).containsExactly("USB_STORAGE_INSERTED");
        assertThat(c.weakDeviceKinds()).containsExactly("BLUETOOTH_DEVICE_SEEN");
        assertThat(c.identityMismatchSeverity()).isEqualTo(Severity.MINOR);
        assertThat(c.focusWindowSeconds()).isEqualTo(300);
    }

    @Test
    @DisplayName("A properties file overrides the keys it names, with comma-separated sets")
    void properties(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("rules.properties");
        Files.writeString(f, "# site R\nstillAwayAfterReminderSeconds = 30\nseriousIncidentCategories=C4, C5\n"
                + "weakDeviceKinds=\n");
        RulesConfig c = RulesConfig.load(f);
        assertThat(c.stillAwayAfterReminderSeconds()).isEqualTo(30);
        assertThat(c.seriousIncidentCategories()).containsExactlyInAnyOrder(MisconductCode.C4, MisconductCode.C5);
        assertThat(c.awaySeconds()).isEqualTo(120);
    }

    @Test
    @DisplayName("An unknown key is named in the error")
    void unknownKey() {
        assertThatThrownBy(() -> RulesConfig.fromProperties("awaySecs=90"))
                .isInstanceOfSatisfying(RulesConfigException.class, e ->
                        assertThat(e.keys()).containsExactly("awaySecs"))
                .hasMessageContaining("'awaySecs' is not a configuration key");
    }

    @Test
    @DisplayName("Values of the wrong type name their key, and every bad key is reported at once")
    void wrongTypes() {
        assertThatThrownBy(() -> RulesConfig.fromJson("{\"awaySeconds\": \"two minutes\", \"deviceKinds\": 3,"
                + " \"focusWindowSeconds\": 2.5}"))
                .isInstanceOfSatisfying(RulesConfigException.class, e -> assertThat(e.keys())
                        .containsExactlyInAnyOrder("awaySeconds", "deviceKinds", "focusWindowSeconds"));
        assertThatThrownBy(() -> RulesConfig.fromProperties("pastesAfterReminder=once"))
                .hasMessageContaining("'pastesAfterReminder' must be a whole number, got 'once'");
    }

    @Test
    @DisplayName("Out-of-range values name their key, with a hint when seconds look like milliseconds")
    void ranges() {
        assertThatThrownBy(() -> RulesConfig.fromProperties("focusLossesAfterReminder=0"))
                .hasMessageContaining("'focusLossesAfterReminder' must be a count between 1 and 1000, got 0");
        assertThatThrownBy(() -> RulesConfig.fromJson("{\"awaySeconds\": 120000}"))
                .hasMessageContaining("'awaySeconds'").hasMessageContaining("milliseconds by mistake");
    }

    @Test
    @DisplayName("Unknown device kinds, overlapping kind sets and non-C serious categories name their key")
    void setProblems() {
        assertThatThrownBy(() -> RulesConfig.fromProperties("deviceKinds=USB_STICK"))
                .hasMessageContaining("'deviceKinds' names [USB_STICK]");
        assertThatThrownBy(() -> RulesConfig.fromProperties("weakDeviceKinds=PHONE_DETECTED"))
                .isInstanceOfSatisfying(RulesConfigException.class, e ->
                        assertThat(e.keys()).containsExactly("weakDeviceKinds"));
        assertThatThrownBy(() -> RulesConfig.fromProperties("seriousIncidentCategories=B1"))
                .hasMessageContaining("'seriousIncidentCategories' names [B1]");
        assertThatThrownBy(() -> RulesConfig.fromProperties("seriousIncidentCategories=Z9"))
                .hasMessageContaining("'seriousIncidentCategories' names 'Z9'");
    }

    @Test
    @DisplayName("Malformed JSON, a missing file and an unknown file type name the file and the place")
    void fileProblems(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> RulesConfig.fromJson("{\n\"awaySeconds\": 90,,\n}"))
                .hasMessageContaining("not valid JSON at line 2");
        assertThatThrownBy(() -> RulesConfig.fromJson("[1]")).hasMessageContaining("one JSON object");
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> RulesConfig.load(missing)).hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        Path yaml = dir.resolve("rules.yaml");
        Files.writeString(yaml, "awaySeconds: 90");
        assertThatThrownBy(() -> RulesConfig.load(yaml)).hasMessageContaining(".json or .properties");
    }
}
