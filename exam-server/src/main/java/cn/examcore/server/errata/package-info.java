/**
 * 勘误: corrections of a finished sitting's objective items (a corrected key or a voided item), the rescoring of
 * every attempt they touch, and the record of each attempt's scores before and after.
 */
package cn.examcore.server.errata;
