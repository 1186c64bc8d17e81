package cn.examcore.server.sitting;

import cn.examcore.bank.model.Subject;

/**
 * What an administrator gives to create a sitting; checked by {@link SittingAdmin#createSitting}.
 *
 * @param title           shown to candidates
 * @param occupation      职业
 * @param level           等级 1..5
 * @param subject         科目
 * @param t0              start (epoch ms)
 * @param durationMinutes 1..600
 * @param checkInMinutes  0..240
 * @param passMark        0..100
 * @param enrolmentPin    6..32 digits, or null for a random 6-digit PIN
 */
public record SittingRequest(String title, String occupation, int level, Subject subject, long t0,
                             int durationMinutes, int checkInMinutes, int passMark, String enrolmentPin) {
}
