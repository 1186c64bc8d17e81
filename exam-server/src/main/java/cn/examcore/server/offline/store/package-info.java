/** Where the sittings' offline key pairs are kept. */
package cn.examcore.server.offline.store;
