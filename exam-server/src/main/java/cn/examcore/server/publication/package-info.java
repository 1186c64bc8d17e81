/**
 * 成绩发布: the release of a finished sitting's results, after which a candidate looks their own results up by name
 * and ID number, and the publication export's extra columns (ID number, validity, certificate number).
 */
package cn.examcore.server.publication;
