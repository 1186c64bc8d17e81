package cn.examcore.server.admission.domain;

import java.util.List;

/**
 * 考生须知: the candidate rules of the notices' 附件4, summarised for the admission ticket (the full text is the
 * notice's; the ticket reminds of what is forbidden and what it costs).
 */
public final class CandidateRules {

    private CandidateRules() {
    }

    /** One line per rule, in the order a candidate meets them on the day. */
    public static final List<String> SUMMARY = List.of(
            "1. 凭本准考证和有效身份证件原件，按规定时间到指定考场、座位参加评价；入场时须接受身份核验（照片、证件与本人比对）。",
            "2. 书籍、资料、电子设备、通讯工具等禁携物品须放在指定位置，不得带至座位；经提醒拒不改正的，取消当次该科目成绩。",
            "3. 未在规定座位参加评价、未经允许擅自离开座位，或喧哗、吸烟等影响考场秩序，经提醒拒不改正的，取消当次该科目成绩。",
            "4. 使用带拍照、存储、传输或通讯功能的电子设备（手机、耳机、U 盘、智能手表等），抄袭或协助他人抄袭，损毁或擅自带出"
                    + "试卷、答卷的，取消当次全部科目成绩，当年不得参加评价。",
            "5. 由他人冒名顶替或替他人参加评价、串通作弊或参与有组织作弊、以虚假材料取得资格等，取消当次全部成绩，2 年或 5 年内"
                    + "不得参加评价，情节严重的移送有关部门。",
            "6. 评价结束后发现上述行为的，同样处理：成绩无效，已发证书予以撤销。");
}
