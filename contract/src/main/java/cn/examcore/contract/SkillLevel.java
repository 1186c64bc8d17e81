package cn.examcore.contract;

/**
 * 职业技能等级: the five levels of a vocational skill evaluation, numbered 1 (highest) to 5 as sittings store them.
 * The one place their names are written, so a ticket, a results export and a room record say the same.
 */
public final class SkillLevel {

    private static final String[] NAMES = {"一级/高级技师", "二级/技师", "三级/高级工", "四级/中级工", "五级/初级工"};
    private static final String[] ENGLISH = {"Level 1 (senior technician)", "Level 2 (technician)",
        "Level 3 (senior worker)", "Level 4 (intermediate worker)", "Level 5 (junior worker)"};

    private SkillLevel() {
    }

    /** The level's name as the notices write it, e.g. 四级/中级工; the number itself for one outside 1..5. */
    public static String name(int level) {
        return level >= 1 && level <= NAMES.length ? NAMES[level - 1] : String.valueOf(level);
    }

    /** The level's name in English, e.g. "Level 4 (intermediate worker)"; the number for one outside 1..5. */
    public static String englishName(int level) {
        return level >= 1 && level <= ENGLISH.length ? ENGLISH[level - 1] : String.valueOf(level);
    }
}
