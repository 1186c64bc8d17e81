/** exam-server: the clustered delivery node. */
package cn.examcore.server;
