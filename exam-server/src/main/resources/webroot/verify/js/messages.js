// Every string of the public certificate verification (证书查验), in both languages, in the kit's convention; the
// level names come from the kit, worded as on every other page.
import { LEVEL_MESSAGES } from '../../kit/levels.js';

export const MESSAGES = {
  'zh-CN': {
    ...LEVEL_MESSAGES['zh-CN'],
    'app.title': '证书查验', 'verify.title': '查验职业技能等级证书',
    'verify.hint': '请输入证书上的证书编号和查验码。两者都相符时，显示证书当前状态。',
    'verify.number': '证书编号', 'verify.code': '查验码', 'verify.submit': '查验', 'verify.working': '正在查验…',
    'verify.missing': '请填写{field}。',
    'verify.unknown': '未查到相符的证书：证书编号或查验码不符。请核对证书上的编号和查验码后重试。',
    'verify.limited': '查验过于频繁，请 {seconds} 秒后再试。', 'verify.failed': '暂时无法查验，请稍后再试。',
    'outcome.valid': '证书有效', 'outcome.revoked': '证书已撤销，不再有效',
    'fact.number': '证书编号', 'fact.name': '持证人', 'fact.occupation': '职业', 'fact.level': '等级',
    'fact.subjects': '科目', 'fact.passedOn': '合格日期', 'fact.body': '评价机构', 'fact.revokedAt': '撤销时间',
    'subject.THEORY': '理论知识', 'subject.OPERATION': '操作技能', 'list.sep': '、',
    'none': '—',
  },
  en: {
    ...LEVEL_MESSAGES.en,
    'app.title': 'Certificate verification', 'verify.title': 'Verify a vocational skill level certificate',
    'verify.hint': 'Enter the certificate number and the verification code printed on it. When both match, the certificate\'s current status is shown.',
    'verify.number': 'Certificate number', 'verify.code': 'Verification code', 'verify.submit': 'Verify',
    'verify.working': 'Verifying…', 'verify.missing': 'Please fill in {field}.',
    'verify.unknown': 'No matching certificate: the number or the verification code does not match. Check both on the certificate and try again.',
    'verify.limited': 'Too many verifications; try again in {seconds} s.',
    'verify.failed': 'Verification is not available right now; try again later.',
    'outcome.valid': 'The certificate is valid', 'outcome.revoked': 'The certificate was revoked and is no longer valid',
    'fact.number': 'Certificate number', 'fact.name': 'Holder', 'fact.occupation': 'Occupation', 'fact.level': 'Level',
    'fact.subjects': 'Subjects', 'fact.passedOn': 'Passed on', 'fact.body': 'Evaluation body',
    'fact.revokedAt': 'Revoked at',
    'subject.THEORY': 'Theory', 'subject.OPERATION': 'Operation skill', 'list.sep': ', ', 'none': '—',
  },
};
