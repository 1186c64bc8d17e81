/**
 * 离线答卷: the last resort of a terminal that cannot reach any node by its deadline. The page seals its answers to
 * the sitting's public key and MACs them with a key only its attempt has; a proctor uploads the file within the
 * sitting's window after the deadline, and the answers merge by revision into the frozen attempt, whose result is
 * scored again.
 */
package cn.examcore.server.offline;
