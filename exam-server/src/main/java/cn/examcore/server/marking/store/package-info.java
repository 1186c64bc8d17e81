/** Marking's storage: {@link cn.examcore.server.marking.store.MarkingStore} on JDBC (migration V9). */
package cn.examcore.server.marking.store;
