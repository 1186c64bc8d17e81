// Every string of the public results lookup (成绩查询), in both languages, in the kit's convention.

import { LEVEL_MESSAGES } from '../../kit/levels.js';

export const MESSAGES = {
  'zh-CN': {
    ...LEVEL_MESSAGES['zh-CN'],
    'app.title': '成绩查询', 'lookup.title': '查询本人成绩',
    'lookup.hint': '请输入报名时的姓名和身份证号。成绩发布后才能查到。',
    'lookup.name': '姓名', 'lookup.idNumber': '身份证号', 'lookup.submit': '查询', 'lookup.working': '正在查询…',
    'lookup.notFound': '没有查到与该姓名和身份证号相符的已发布成绩。请核对后重试；成绩尚未发布时也查不到。',
    'lookup.limited': '查询过于频繁，请 {seconds} 秒后再试。', 'lookup.failed': '暂时无法查询，请稍后再试。',
    'lookup.missing': '请填写{field}。', 'lookup.found': '{name}的成绩（{n} 项）',
    'col.date': '日期', 'col.occupation': '职业', 'col.level': '等级', 'col.subject': '科目', 'col.score': '成绩',
    'col.passed': '结果', 'col.validUntil': '有效期至', 'col.levelResult': '等级结果', 'col.certificate': '证书编号',
    'levelResult.PASSED': '等级合格', 'levelResult.FAILED': '等级不合格', 'levelResult.PENDING': '待定：尚有科目未完成',
    'subject.THEORY': '理论知识', 'subject.OPERATION': '操作技能',
    'passed.true': '合格', 'passed.false': '不合格', 'passed.null': '待定', 'status.ABSENT': '缺考',
    'status.CANCELLED': '成绩取消', 'score': '{total} / {max}', 'none': '—',
  },
  en: {
    ...LEVEL_MESSAGES.en,
    'app.title': 'Results lookup', 'lookup.title': 'Look up your own results',
    'lookup.hint': 'Enter your name and ID number as on your application. Results show once they are released.',
    'lookup.name': 'Name', 'lookup.idNumber': 'ID number', 'lookup.submit': 'Look up', 'lookup.working': 'Looking up…',
    'lookup.notFound': 'No released results match this name and ID number. Check them and try again; results not yet released cannot be found either.',
    'lookup.limited': 'Too many lookups; try again in {seconds} s.', 'lookup.failed': 'The lookup is not available right now; try again later.',
    'lookup.missing': 'Please fill in {field}.', 'lookup.found': 'Results of {name} ({n})',
    'col.date': 'Date', 'col.occupation': 'Occupation', 'col.level': 'Level', 'col.subject': 'Subject',
    'col.score': 'Score', 'col.passed': 'Result', 'col.validUntil': 'Valid until', 'col.levelResult': 'Level result',
    'col.certificate': 'Certificate no.',
    'levelResult.PASSED': 'Level passed', 'levelResult.FAILED': 'Level failed',
    'levelResult.PENDING': 'Pending: subjects open',
    'subject.THEORY': 'Theory', 'subject.OPERATION': 'Operation skill',
    'passed.true': 'Passed', 'passed.false': 'Failed', 'passed.null': 'Pending', 'status.ABSENT': 'Absent',
    'status.CANCELLED': 'Score cancelled', 'score': '{total} / {max}', 'none': '—',
  },
};
