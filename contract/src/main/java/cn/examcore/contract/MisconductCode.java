package cn.examcore.contract;

import java.util.Locale;
import java.util.Optional;

/**
 * 违纪违规类别: the misconduct categories of 附件4 (参评人员须知; shared/domain/misconduct.md) with our stable codes,
 * their sanction tier and the notice's own wording. This is the one catalogue: proctor commands and seat events
 * carry these codes, the proctor console's rules propose them, and results cite them.
 */
public enum MisconductCode {
    A1(Tier.A, "携带禁携物品进入座位或未放在指定位置，经提醒拒不改正"),
    A2(Tier.A, "未在规定的座位参加评价，或未经允许擅自离开座位，经提醒拒不改正"),
    A3(Tier.A, "在考场禁止范围内喧哗、吸烟或其他影响考场秩序行为，经提醒拒不改正"),
    A4(Tier.A, "其他违反考场规则但尚未构成作弊的行为"),
    B1(Tier.B, "使用规定以外的带拍照、存储、传输或通讯功能的电子设备"),
    B2(Tier.B, "抄袭或协助他人抄袭试题答案或与评价内容相关资料"),
    B3(Tier.B, "故意损毁试卷、工件或考试材料"),
    B4(Tier.B, "擅自将试题、答卷或者有关内容带出考场"),
    B5(Tier.B, "其他作弊但对其他应试人员未造成严重干扰"),
    C1(Tier.C, "通过虚假承诺、提供虚假材料及其他非正当手段取得参加评价资格"),
    C2(Tier.C, "评价前以非正当手段获得试题或答案或进行传播"),
    C3(Tier.C, "抢夺、窃取他人试卷或胁迫他人配合作弊、偷换工量器具或工件"),
    C4(Tier.C, "由他人冒名顶替参加评价或替他人参加评价"),
    C5(Tier.C, "串通作弊或参与有组织作弊"),
    C6(Tier.C, "故意损毁评价设备（含视频监控系统）、材料，造成设备事故、人身伤害或设备主要零部件损坏"),
    C7(Tier.C, "其他影响恶劣或严重扰乱评价管理秩序的行为");

    /** The three sanction tiers of 附件4, sections 二, 三 and 四. */
    public enum Tier {
        /** 二: this subject's score of this sitting is cancelled; only after a reminder was refused (经提醒拒不改正). */
        A,
        /** 三: all subjects of this sitting cancelled; no evaluation for the rest of that year. */
        B,
        /** 四: all subjects cancelled; barred 2 years (minor) or 5 years and referred to the authorities (serious). */
        C
    }

    private final Tier tier;
    private final String noticeText;

    MisconductCode(Tier tier, String noticeText) {
        this.tier = tier;
        this.noticeText = noticeText;
    }

    public Tier tier() {
        return tier;
    }

    /** The notice's own wording, for reports, the console and cancellation reasons. */
    public String noticeText() {
        return noticeText;
    }

    /**
     * Tier-A categories are the ones a proctor reminds about (经提醒拒不改正): only they can be the subject of a
     * reminder, and they are proposed as flags only after a recorded reminder was not heeded.
     */
    public boolean remindable() {
        return tier == Tier.A;
    }

    /** The code for {@code text}, ignoring case and surrounding blanks; empty when it names none. */
    public static Optional<MisconductCode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        for (MisconductCode c : values()) {
            if (c.name().equals(t)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
