import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { describeEvidence } from '../../../src/hours/ledger/evidence-wording.js';
import { auditActionLabel, auditPeopleIds, describeAudit } from '../../../src/hours/audit-wording.js';

const zh = translator('zh-CN');
const en = translator('en');
const row = (source: string, evidence: unknown) => ({ source, evidence });

describe('the ledger evidence as a sentence', () => {
  it('says what the roll call and the check-in recorded and what they credited', () => {
    expect(describeEvidence(zh, row('check-in', { status: 'present', minutes: 0, markId: 1, creditMinutes: 90 }))).toBe('面授签到：出席，计 90 分钟');
    expect(describeEvidence(zh, row('roster', { status: 'late', minutes: 10, markId: 2, creditMinutes: 80 }))).toBe('面授点名：迟到 10 分钟，计 80 分钟');
    expect(describeEvidence(zh, row('roster', { status: 'absent', minutes: 0, markId: 3, creditMinutes: 0 }))).toBe('面授点名：缺勤，计 0 分钟');
    expect(describeEvidence(en, row('roster', { status: 'leftEarly', minutes: 15, markId: 4, creditMinutes: 75 }))).toBe(
      'Classroom roll call: left 15 min early, 75 min credited',
    );
  });

  it('leaves out the credit for rows stored before the evidence carried it, and never shows internal ids', () => {
    const text = describeEvidence(zh, row('roster', { status: 'present', minutes: 0, markId: 1 }));
    expect(text).toBe('面授点名：出席');
    expect(text).not.toMatch(/markId|status|minutes/);
  });

  it('says how long a trainee was online in a remote class, from heartbeats or an imported export', () => {
    expect(describeEvidence(zh, row('heartbeat', { attendedMinutes: 45, share: 0.5, creditMinutes: 45 }))).toBe(
      '远程在线：在线 45 分钟（占课程时长 50%），计 45 分钟',
    );
    expect(describeEvidence(zh, row('import', { attendedMinutes: 80, share: 0.889, creditMinutes: 90 }))).toBe(
      '导入的远程出勤：在线 80 分钟（占课程时长 89%），计 90 分钟',
    );
  });

  it('says how long a self-study lesson was actively read against what it asks', () => {
    expect(describeEvidence(zh, row('heartbeat', { activeMs: 50 * 60_000 + 59_000, requiredActiveMs: 45 * 60_000 }))).toBe(
      '在线自学：有效学习 50 分钟（本课要求 45 分钟）',
    );
  });

  it('is empty for no evidence or a shape it does not know, rather than code', () => {
    expect(describeEvidence(zh, row('roster', null))).toBe('');
    expect(describeEvidence(zh, row('roster', { status: 'teleported' }))).toBe('');
    expect(describeEvidence(zh, row('import', { something: 1 }))).toBe('');
  });
});

describe('the audit log as sentences', () => {
  const names = new Map([
    [7, '李晓梅'],
    [9, '王老师'],
  ]);
  const nameOf = (id: number) => names.get(id);

  it('names the trainee, the level by its programme name and the hours of an issued certificate', () => {
    const text = describeAudit(zh, { action: 'certificate.issue', detail: { traineeId: 7, level: 'assistant', cohortId: 3, totalMinutes: 2400 } }, nameOf);
    expect(text).toBe('为李晓梅签发助理级银行客户经理培训证明，累计学时 2400 分钟');
    expect(auditActionLabel(zh, 'certificate.issue')).toBe('签发培训证明');
    expect(auditActionLabel(en, 'certificate.issue')).toBe('Issued a training certificate');
  });

  it('does not name a person the reader may not see', () => {
    expect(describeAudit(zh, { action: 'certificate.revoke', detail: { traineeId: 8, level: 'senior', reason: '材料不实' } }, nameOf)).toBe(
      '撤销学员 #8的高级银行客户经理培训证明，原因：材料不实',
    );
  });

  it('keeps masked personal data masked in a profile change from a roster import', () => {
    const detail = {
      via: 'enrolment',
      cohortId: 3,
      line: 4,
      changes: [
        { field: 'phone', from: '138****0000', to: '139****1111' },
        { field: 'education', from: 'bachelor', to: 'master' },
      ],
    };
    const text = describeAudit(zh, { action: 'trainee.profileChange', detail });
    expect(text).toBe('名单导入第 4 行：手机号由“138****0000”改为“139****1111”；学历由“本科”改为“硕士”');
  });

  it('describes corrections, eligibility flags, enrolments, invitations and imports in words', () => {
    expect(describeAudit(zh, { action: 'hours.correct', detail: { entryId: 12, correctsId: 5, mode: 'faceToFace', minutes: -45 } })).toBe(
      '面授课时 -45 分钟，更正第 5 条记录，记为第 12 条',
    );
    expect(
      describeAudit(zh, {
        action: 'trainee.flags',
        detail: { before: { assistantCertificate: false, majorViolation: false }, after: { assistantCertificate: true, majorViolation: false } },
      }),
    ).toBe('持有助理级证书由“否”改为“是”');
    expect(describeAudit(zh, { action: 'cohort.enrol', detail: { created: 2, enrolled: 3 } })).toBe('3 人加入班级，其中新建账户 2 个');
    expect(describeAudit(zh, { action: 'cohort.assignInstructor', detail: { instructorId: 9 } }, nameOf)).toBe('讲师：王老师');
    expect(describeAudit(zh, { action: 'user.create', detail: { role: 'instructor', via: 'cli' } })).toBe('角色：讲师，由服务器命令行创建');
    expect(describeAudit(zh, { action: 'session.importAttendance', detail: { rows: 40, trainees: 12, unknown: 2 } })).toBe(
      '导入 40 行出勤记录，涉及 12 名学员，2 个名字未能对应本班学员',
    );
    expect(describeAudit(en, { action: 'questions.import', detail: { file: 'bank.xlsx', via: 'upload', created: 30, updated: 2, counts: {} } })).toBe(
      'File bank.xlsx, 30 questions added, 2 updated',
    );
  });

  it('shows an action it has no wording for as plain fields, never as JSON', () => {
    const text = describeAudit(zh, { action: 'something.new', detail: { count: 3, nested: { a: 1 }, ok: true } });
    expect(text).toBe('count：3；ok：true');
    expect(text).not.toMatch(/[{}"]/);
    expect(auditActionLabel(zh, 'something.new')).toBe('something.new');
  });

  it('lists the people a detail names so the page can look their names up', () => {
    expect(auditPeopleIds({ traineeId: 7, level: 'assistant' })).toEqual([7]);
    expect(auditPeopleIds({ instructorId: 9 })).toEqual([9]);
    expect(auditPeopleIds(null)).toEqual([]);
  });
});
