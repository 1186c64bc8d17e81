package cn.examcore.bank.io.format;

/** File-name facts every reader needs, in one place. */
public final class FileNames {

    private FileNames() {
    }

    /**
     * The default bank id for a file without one: its name without folders and without the last extension
     * ("uploads/hr4.xlsx" → "hr4", "C:\\banks\\hr4.zip" → "hr4").
     */
    public static String baseName(String fileName) {
        String name = fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
