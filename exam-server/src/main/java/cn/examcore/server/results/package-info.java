/**
 * Results (成绩) export for administrators: CSV that Excel opens with Chinese intact, and a styled .xlsx.
 * Pure library code: no Vert.x, no Hazelcast.
 */
package cn.examcore.server.results;
