package cn.examcore.bank.model;

/**
 * Where an item belongs: occupation (职业, e.g. 企业人力资源管理师), level (等级, 5 = 五级/初级工 … 1 = 一级/高级技师)
 * and subject (科目). Blueprints select items by these tags.
 *
 * @param occupation the occupation's Chinese name as the notices write it
 * @param level      1 to 5
 * @param subject    theory or operation
 */
public record Tags(String occupation, int level, Subject subject) {

    public boolean matches(Tags wanted) {
        return occupation.equals(wanted.occupation) && level == wanted.level && subject == wanted.subject;
    }
}
