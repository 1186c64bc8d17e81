package cn.examcore.server.storage.jdbc;

/**
 * What the database pool needs to know, and nothing else of the node's configuration.
 *
 * @param url      the JDBC URL (H2 or PostgreSQL)
 * @param user     database user
 * @param password database password (secret)
 * @param schema   schema to use and migrate; empty for the database's default
 * @param poolSize JDBC pool size
 */
public record DatabaseSettings(String url, String user, String password, String schema, int poolSize) {
}
