/**
 * 一次评价: an evaluation links one candidate's subjects of one occupation and level across sittings and days; the
 * evaluation bodies' rules (as data) decide makeup (补考), score validity and the level result certificates follow.
 */
package cn.examcore.server.evaluation;
