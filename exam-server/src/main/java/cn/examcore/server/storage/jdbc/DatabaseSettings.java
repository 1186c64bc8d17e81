package cn.examcore.server.storage.jdbc;

import java.util.regex.Pattern;

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

    private static final Pattern USER_INFO = Pattern.compile("//[^/?#;@]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([;?&:](?:password|passwd|pwd|sslpassword|sslkey|secret|token|key|user|username)=)[^;&]*");

    /**
     * A JDBC URL fit for a log: user and password of the authority ({@code //user:pw@host}) and the values of
     * credential parameters ({@code ?password=}, {@code ;PASSWORD=}, {@code &user=}) replaced by stars.
     */
    public static String redactUrl(String url) {
        if (url == null) {
            return null;
        }
        String noUserInfo = USER_INFO.matcher(url).replaceAll("//****@");
        return SECRET_PARAMETER.matcher(noUserInfo).replaceAll("$1****");
    }
}
