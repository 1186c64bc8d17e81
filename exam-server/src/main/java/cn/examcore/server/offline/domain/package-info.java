/** The offline answer file and its cryptography, free of Vert.x and Hazelcast. */
package cn.examcore.server.offline.domain;
