// 职业技能等级: the names of the five levels, the one place the pages take them from (the server's are in the
// contract's SkillLevel, worded the same), so a level never reads "4" on one page and 四级/中级工 on another.
export const LEVEL_MESSAGES = {
  'zh-CN': {
    'level.1': '一级/高级技师',
    'level.2': '二级/技师',
    'level.3': '三级/高级工',
    'level.4': '四级/中级工',
    'level.5': '五级/初级工',
  },
  en: {
    'level.1': 'Level 1 (senior technician)',
    'level.2': 'Level 2 (technician)',
    'level.3': 'Level 3 (senior worker)',
    'level.4': 'Level 4 (intermediate worker)',
    'level.5': 'Level 5 (junior worker)',
  },
};
