/**
 * Candidate photos (考生照片) from a zip archive: every entry checked for what it claims to be (JPEG or PNG by its
 * first bytes), its size and pixel dimensions, and the archive for the tricks of hostile zips. Pure library code: no
 * Vert.x, no Hazelcast.
 */
package cn.examcore.server.sitting.photo;
