/**
 * 阅卷: marking of essay and operation answers. Scripts (one candidate's answer to one item, anonymised by a number)
 * are marked independently by two markers; a difference beyond the item's tolerance goes to a chief marker, and the
 * final scores complete the sitting's results. {@link cn.examcore.server.marking.MarkingService} is the slice's one
 * service; the rules are in {@code marking.domain}, the tables (migration V9) behind {@code marking.store}.
 */
package cn.examcore.server.marking;
