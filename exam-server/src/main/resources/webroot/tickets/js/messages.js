// Every string of the public admission-ticket page (准考证下载), in both languages, in the kit's convention.

export const MESSAGES = {
  'zh-CN': {
    'app.title': '准考证下载',
    intro: '请输入与身份证件一致的姓名和身份证号，下载本人准考证（PDF）。准考证一般在开考前 7 天开放下载。',
    name: '姓名', idNumber: '身份证号', paper: '纸张', 'paper.A4': 'A4（每页一张）', 'paper.A5': 'A5（每页一张）',
    submit: '下载准考证', working: '正在查询…', again: '再次保存准考证',
    'note.bring': '考试当天请携带准考证和有效身份证件原件，入场时须核验身份。',
    'note.privacy': '为保护个人信息，姓名或身份证号不符时不会提示哪一项有误；多次尝试将被暂时限制。',
    'need.name': '请填写姓名。', 'need.idNumber': '请填写身份证号。',
    done: '准考证已下载（admission-ticket.pdf）。请打印后携带。',
    noMatch: '没有与该姓名和身份证号相符的准考证。请按身份证件核对两项后重试。',
    notYet: '准考证尚未开放下载，开放时间：{at}（北京时间）。',
    limited: '尝试次数过多，请 {s} 秒后再试。',
    failed: '下载失败：{message}',
  },
  en: {
    'app.title': 'Admission ticket download',
    intro: 'Enter your name and ID number exactly as on your ID card to download your admission ticket (PDF). Tickets usually open 7 days before the exam.',
    name: 'Name', idNumber: 'ID number', paper: 'Paper', 'paper.A4': 'A4 (one per page)', 'paper.A5': 'A5 (one per page)',
    submit: 'Download ticket', working: 'Looking up…', again: 'Save the ticket again',
    'note.bring': 'On the day bring this ticket and your original ID card: your identity is checked at the door.',
    'note.privacy': 'To protect personal data the page does not say whether the name or the ID number is wrong; repeated tries are paused for a while.',
    'need.name': 'Please enter your name.', 'need.idNumber': 'Please enter your ID number.',
    done: 'Ticket downloaded (admission-ticket.pdf). Print it and bring it along.',
    noMatch: 'No admission ticket matches this name and ID number. Check both against your ID card and try again.',
    notYet: 'Admission tickets are not open yet. They open at {at} (Beijing time).',
    limited: 'Too many tries. Please try again in {s} seconds.',
    failed: 'The download failed: {message}',
  },
};
