/**
 * Candidate roster (考生名单) import from CSV or Excel, with every problem reported by row and column, and the
 * blank template staff fill in. Pure library code: no Vert.x, no Hazelcast.
 */
package cn.examcore.server.sitting.roster;
