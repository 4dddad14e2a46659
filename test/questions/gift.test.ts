import { describe, expect, it } from 'vitest';
import { idFromTitle } from '../../src/questions/gift.js';
import { en, errorsOf, fixture, questionsOf, run, utf8, warningsOf } from './support.js';

describe('Moodle GIFT import', () => {
  it('reads single choice, weighted multiple choice, true/false, feedback, titles as ids, tags and categories', async () => {
    const result = await run('good.gift', fixture('good.gift'));
    const q = questionsOf(result);
    expect('counts' in result && result.counts).toEqual({ single: 1, multiple: 1, truefalse: 4, case: 0, written: 0 });
    expect(q.get('G-001')).toMatchObject({
      type: 'single',
      stem: '银行客户经理制最早在哪类银行中普遍推行？',
      options: ['西方商业银行', '中央银行', '政策性银行', '农村信用社'],
      answer: 'A',
      explanation: '客户经理制起源于西方商业银行。',
      difficulty: 2,
      lesson: '01-role-and-duties',
      topic: '客户经理制', // from $CATEGORY
      at: 5, // the question's line, past its comments
    });
    // Weighted answers come back with isCorrect false: the positive weights are the key.
    expect(q.get('G-002')).toMatchObject({
      type: 'multiple',
      answer: 'AB',
      options: ['代理保险', '代销基金', '发放贷款', '吸收存款'],
      explanation: '中间业务不构成表内资产或负债。',
      at: 13,
    });
    expect(q.get('G-003')).toMatchObject({ type: 'truefalse', answer: false, explanation: '客户经理提供综合金融服务。', difficulty: 3 });
    // No general feedback: the right-answer feedback (the second #) explains.
    expect(q.get('G-004')).toMatchObject({ type: 'truefalse', answer: true, explanation: '对：审贷分离形成相互制衡', topic: '风险职责', difficulty: 4 });
    expect(q.get('G-005')).toMatchObject({ stem: '客户经理应当定期回访客户 & 记录。', answer: true });
    // ～ in question text is the Chinese range sign, not a mistyped answer marker.
    expect(q.get('G-006')).toMatchObject({ stem: '期限为 3～5 年的贷款属于中期贷款。' });
  });

  it('flags full-width ｛＝～｝＃ typed on a Chinese keyboard, by line and column, instead of importing a description', async () => {
    const result = await run('fullwidth.gift', fixture('fullwidth.gift'));
    expect(errorsOf(result)).toEqual([
      '1: 第 21 列是全角“｛”：GIFT 标记须用半角“{”（中文输入法下请切换到英文标点）。',
      '1: 第 22 列是全角“＝”：GIFT 标记须用半角“=”（中文输入法下请切换到英文标点）。',
      '1: 第 30 列是全角“～”：GIFT 标记须用半角“~”（中文输入法下请切换到英文标点）。',
      '1: 第 35 列是全角“｝”：GIFT 标记须用半角“}”（中文输入法下请切换到英文标点）。',
      '7: 第 1 列是全角“＃”：GIFT 标记须用半角“#”（中文输入法下请切换到英文标点）。',
      '7: 第 2 列是全角“＃”：GIFT 标记须用半角“#”（中文输入法下请切换到英文标点）。',
      '7: 第 3 列是全角“＃”：GIFT 标记须用半角“#”（中文输入法下请切换到英文标点）。',
      '7: 第 4 列是全角“＃”：GIFT 标记须用半角“#”（中文输入法下请切换到英文标点）。',
    ]);
    expect(errorsOf(await run('x.gift', utf8('：：Q1：： 问题 {T####解析}\n')))[0]).toMatch(/^1: 第 1 列是全角“：：”/);
  });

  it('reports each unsupported or broken question by line, and imports none of the file (a missing explanation or a spaced title is no error)', async () => {
    const result = await run('bad.gift', fixture('bad.gift'), en);
    expect(errorsOf(result)).toEqual([
      '1: GIFT syntax error (column 31): Expected "}" but end of input found.',
      '3: Unsupported GIFT question type (Short): only single choice, multiple choice and true/false are imported.',
      '7: Several = answers: for multiple choice give each correct option a weight, e.g. ~%50%A ~%50%B ~%-100%C.',
      '11: No answer block in braces: only questions with answers (single, multiple, true/false) are imported.',
    ]);
  });

  it('generates ids for untitled questions, takes // [id:…], and explains with the right answer’s feedback', async () => {
    const gift = [
      '客户经理应了解客户。 {T####了解客户是营销的前提。}',
      '',
      '// [id:KYC-2]',
      '::标题会被 id 取代:: 哪项是客户经理的职责？ {=营销#营销是本职 ~印钞#央行职责}',
      '',
      '::W:: 没有正确答案 {~%-50%甲 ~%0%乙 ####解析}',
      '',
      '// [tag:难度:很难]',
      '::D:: 难度写错 {T####解析}',
    ].join('\r\n');
    expect(errorsOf(await run('x.txt', utf8(gift)))).toEqual([
      '6: 没有正确答案：单选用 = 标出正确选项，多选给正确选项写正分值（如 ~%50%）。',
      '9: [tag:难度:很难] 无法识别：可填 1–5，或 易、较易、中、较难、难。',
    ]);
    const q = questionsOf(await run('x.txt', utf8(gift.split('\r\n').slice(0, 4).join('\n'))));
    expect([...q.keys()]).toEqual(['T-BCM-101-0001', 'KYC-2']);
    expect(q.get('KYC-2')).toMatchObject({ type: 'single', answer: 'A', explanation: '营销是本职', at: 4 });
  });

  it('recognises a GIFT file uploaded without a telling extension', async () => {
    const gift = '::Q1:: 客户经理应保守客户秘密。 {T####保密是基本要求。}\n';
    const q = questionsOf(await run('upload', utf8(gift)));
    expect(q.get('Q1')).toMatchObject({ type: 'truefalse', answer: true });
  });
});

describe('a Moodle GIFT export as institutions have them', () => {
  it('keeps free-text question names as titles and derives stable ids from them, numbering repeats', async () => {
    const result = await run('moodle-export.gift', fixture('moodle-export.gift'));
    const q = questionsOf(result);
    expect([...q.keys()]).toEqual(['客户经理-职责-1', '客户经理-职责-2', '客户经理-职责-1-2', '零售业务-多选', '1-lt-2']);
    expect(q.get('客户经理-职责-1')).toMatchObject({ title: '客户经理 职责 1', topic: '客户经理职责', at: 6 });
    expect(q.get('客户经理-职责-1-2')).toMatchObject({ title: '客户经理 职责 1', stem: '客户经理拜访客户后应当及时填写拜访记录。' });
    // The same file gives the same ids on every import, so a corrected export updates in place.
    const again = questionsOf(await run('moodle-export.gift', fixture('moodle-export.gift')));
    expect([...again.keys()]).toEqual([...q.keys()]);
  });

  it('turns [html] into plain text (never HTML: scripts dropped, entities decoded) and [markdown] into text without its markers', async () => {
    const q = questionsOf(await run('moodle-export.gift', fixture('moodle-export.gift')));
    expect(q.get('客户经理-职责-1')).toMatchObject({
      stem: '银行客户经理的首要职责是？',
      options: ['营销与服务客户', '制定货币政策', '审批 全部贷款'],
      explanation: '客户经理以客户为中心，营销与服务是首要职责。',
    });
    expect(q.get('客户经理-职责-2')!.stem).toBe('客户经理应当遵守“了解你的客户”原则。');
    expect(q.get('零售业务-多选')).toMatchObject({
      type: 'multiple',
      stem: '以下属于零售业务的是？',
      options: ['个人住房贷款', '信用卡 <b>分期</b>', '银团贷款'],
      answer: 'AB',
    });
    // [plain] stays exactly as typed: it is shown escaped, as text.
    expect(q.get('1-lt-2')!.stem).toBe('风险等级 1 低于等级 2。');
  });

  it('imports questions without an explanation, with a warning for each', async () => {
    const result = await run('moodle-export.gift', fixture('moodle-export.gift'));
    expect(questionsOf(result).get('客户经理-职责-2')).toMatchObject({ explanation: '' });
    expect(warningsOf(result)).toEqual([
      '15: 没有解析：导入后学员看到“暂无解析”；可用 ####解析 写总体反馈。',
      '23: 没有解析：导入后学员看到“暂无解析”；可用 ####解析 写总体反馈。',
      '31: 没有解析：导入后学员看到“暂无解析”；可用 ####解析 写总体反馈。',
    ]);
  });

  it('derives a short hashed id from a name with nothing usable or too long', () => {
    expect(idFromTitle('？？？')).toMatch(/^q-[0-9a-f]{8}$/);
    expect(idFromTitle('？？？')).toBe(idFromTitle('？？？'));
    const long = idFromTitle('客户经理 '.repeat(20));
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).toMatch(/^客户经理-客户经理.*-[0-9a-f]{8}$/);
  });
});
