/**
 * 勘误: corrections of objective items after a sitting (a corrected key, a voided item) and the scoring of a paper
 * item under them. Between assembly (the paper items) and scoring (the rules), which know nothing of errata.
 */
package cn.examcore.bank.errata;
