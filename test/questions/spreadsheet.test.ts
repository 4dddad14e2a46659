import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readDifficulty, readLetters, readTrueFalse, readType } from '../../src/questions/answers.js';
import { templateCsv, templateXlsx } from '../../src/questions/template.js';
import { en, errorsOf, warningsOf, fixture, questionsOf, run, utf8, zh } from './support.js';

describe('tolerant answer spellings', () => {
  it('reads option letters however they were typed', () => {
    for (const [typed, letters] of [
      ['A、C', 'AC'],
      ['A,C', 'AC'],
      ['A C', 'AC'],
      ['ABD', 'ABD'],
      ['ａｂ', 'AB'],
      ['ＡＣＤ', 'ACD'],
      ['c a', 'AC'],
      ['（B）', 'B'],
      ['A.', 'A'],
      ['B，D；E', 'BDE'],
      ['AA', 'A'],
    ]) {
      expect(readLetters(typed!), typed).toBe(letters);
    }
    for (const typed of ['G', 'A1', '甲', '', '正确']) expect(readLetters(typed), typed).toBeUndefined();
  });

  it('reads true/false in every usual spelling', () => {
    for (const yes of ['正确', '对', '√', '✓', 'T', 't', 'TRUE', 'true', '是', 'Ｔ', '对。']) expect(readTrueFalse(yes), yes).toBe(true);
    for (const no of ['错误', '错', '×', '✗', 'F', 'false', 'FALSE', '否', 'Ｆ', 'x']) expect(readTrueFalse(no), no).toBe(false);
    for (const neither of ['也许', 'A', '']) expect(readTrueFalse(neither), neither).toBeUndefined();
  });

  it('reads question types with and without 题, and case sub-question types', () => {
    expect(readType('单选')).toBe('single');
    expect(readType('单选题')).toBe('single');
    expect(readType('单项选择题')).toBe('single');
    expect(readType('多选题')).toBe('multiple');
    expect(readType('判断题')).toBe('truefalse');
    expect(readType('不定项选择题')).toBe('either');
    expect(readType('案例分析')).toBe('case');
    expect(readType('案例分析题')).toBe('case');
    expect(readType('案例-单选')).toBe('case-single');
    expect(readType('案例 — 多选题')).toBe('case-multiple');
    expect(readType('案例分析-判断')).toBe('case-truefalse');
    expect(readType('问答')).toBeUndefined();
    expect(readType('案例-问答')).toBeUndefined();
  });

  it('reads difficulty as 1–5 or words, blank as 3', () => {
    expect([readDifficulty('易'), readDifficulty('较易'), readDifficulty('中'), readDifficulty('较难'), readDifficulty('难')]).toEqual([1, 2, 3, 4, 5]);
    expect([readDifficulty('4'), readDifficulty('３'), readDifficulty('2.0'), readDifficulty('')]).toEqual([4, 3, 2, 3]);
    expect([readDifficulty('6'), readDifficulty('很难')]).toEqual([undefined, undefined]);
  });
});

describe('the spreadsheet template, read from CSV', () => {
  it('reads a messy real-world UTF-8 CSV: header variants, full-width letters, trailing spaces, a blank row, a multi-line cell', async () => {
    const result = await run('messy.csv', fixture('messy.csv'));
    const q = questionsOf(result);
    expect('counts' in result && result.counts).toEqual({ single: 3, multiple: 5, truefalse: 10, case: 1, written: 0 });

    expect(q.get('M-S1')).toMatchObject({
      type: 'single',
      answer: 'B',
      stem: '客户经理制最早在哪类银行中普遍推行？',
      difficulty: 2,
      topic: '客户经理制',
      lesson: '01-role-and-duties',
      at: 2,
    });
    expect(q.get('M-S1')).toMatchObject({ options: ['中央银行', '西方商业银行', '政策性银行', '农村信用社'] });
    expect(q.get('M-M1')).toMatchObject({ type: 'multiple', answer: 'ABE', difficulty: 3, lesson: '01-role-and-duties' });
    expect((q.get('M-M1') as { options: string[] }).options).toHaveLength(5);
    expect(q.get('M-M2')).toMatchObject({ answer: 'ABD', lesson: '01-role-and-duties' });
    expect(q.get('M-M3')).toMatchObject({ answer: 'ACD', difficulty: 4, lesson: '02-customer-manager-system' });
    expect(q.get('M-M4')).toMatchObject({ answer: 'AB', difficulty: 4 });
    expect(q.get('M-M5')).toMatchObject({ answer: 'ABC', difficulty: 5 });

    const tf = ['M-T1', 'M-T2', 'M-T3', 'M-T4', 'M-T5', 'M-T6', 'M-T7', 'M-T8', 'M-T9', 'M-T10'].map(
      (id) => q.get(id)!.type === 'truefalse' && (q.get(id) as { answer: boolean }).answer,
    );
    expect(tf).toEqual([false, true, false, true, false, true, false, true, false, true]);
    // The blank row 8 still counts, as it does on screen in Excel.
    expect(q.get('M-T1')!.at).toBe(9);
    expect(q.get('M-T4')).toMatchObject({ difficulty: 3 });

    // 不定项 with one letter is a single-choice question; rows without an id get generated ones.
    expect(q.get('T-BCM-101-0001')).toMatchObject({ type: 'single', answer: 'A', stem: '客户经理制的核心是？', topic: '客户经理制' });
    const kase = q.get('T-BCM-101-0002')!;
    expect(kase).toMatchObject({
      type: 'case',
      difficulty: 4,
      topic: '贷前调查',
      lesson: '02-customer-manager-system',
      explanation: '应收账款质量是关键。',
      at: 20,
    });
    expect(kase.stem).toBe('某制造企业年销售收入 2 亿元，应收账款周转天数由 60 天延长至 110 天。\n企业申请增加 3,000 万元流动资金贷款。');
    expect(kase.type === 'case' && kase.parts.map((p) => [p.id, p.type, p.answer])).toEqual([
      ['T-BCM-101-0002a', 'single', 'B'],
      ['T-BCM-101-0002b', 'truefalse', false],
      ['T-BCM-101-0002c', 'multiple', 'ABD'],
    ]);
    // The multi-line cell is one row: the row after the case's parts is row 24, though line 25.
    expect(q.get('T-BCM-101-0003')).toMatchObject({ at: 24, answer: 'A', topic: '银行客户经理概论' });
  });

  it('reads a GBK-encoded CSV saved by Chinese Excel', async () => {
    const bytes = fixture('gbk.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const q = [...questionsOf(await run('gbk.csv', bytes)).values()];
    expect(q.map((x) => [x.type, x.stem])).toEqual([
      ['single', '银行客户经理的首要职责是？'],
      ['truefalse', '客户经理应当遵守“了解你的客户”原则。'],
      ['multiple', '以下属于零售业务的是？'],
    ]);
    expect(q[2]).toMatchObject({ answer: 'ABD', difficulty: 4, topic: '零售业务' });
  });

  it('reports every kind of bad row with its row number and the column, and returns no questions', async () => {
    const result = await run('bad-rows.csv', fixture('bad-rows.csv'));
    expect('questions' in result).toBe(false);
    expect(errorsOf(result)).toEqual([
      '2: 单选题只能有一个答案，“AC”有 2 个：有几个正确答案的题请用“多选”。',
      '3: 多选题至少有两个正确答案，“A”只有一个：只有一个正确答案的题请用“单选”或“不定项”。',
      '4: “答案”的值“G”不是选项字母：可填 A、AC、A、C、A,C 等（A–F）。',
      '5: “答案”的值“也许”不是判断题答案：可填 正确/错误、对/错、√/×、T/F、是/否。',
      '6: “题型”的值“问答”无法识别：可填 单选、多选、不定项、判断、案例分析，或 案例-单选、案例-多选、案例-判断，主观题填 主观题、简答、论述、案例分析-主观、实操任务。',
      '7: “答案”包含 D，但“选项D”为空。',
      '9: “难度”的值“很难”无法识别：可填 1–5，或 易、较易、中、较难、难。',
      '10: “所属课”的值“99”不是本课程的课：可填课次 1–2，或课的文件名。',
      '11: “选项B”为空，但后面的“选项C”有内容：选项须从 A 起连续填写。',
      '12: “案例-单选”是案例小题：须紧跟在所属的“案例分析”行之后，或在“案例编号”中填写案例编号。',
      '13: 案例分析须有 2–5 个小题，这里有 1 个。',
      '16: 题目编号“DUP-1”在文件中重复（第一次出现在第 15 行）。',
      '18: 题目编号“BCM-101-001”与课程官方题库的编号格式相同（如 BCM-101-001）：请换一个编号，或留空自动生成。',
      '19: “题干”为空。',
    ]);
  });

  it('names the columns as the file does (or as the template does when absent), and speaks English when asked', async () => {
    const csv = '题目类型,题目,A,B,正确答案,答案解析\r\n单选,问题,甲,乙,C,解析\r\n';
    expect(errorsOf(await run('x.csv', utf8(csv)))).toEqual(['2: “正确答案”包含 C，但“选项C”为空。']);
    expect(errorsOf(await run('x.csv', utf8(csv), en))).toEqual(['2: “正确答案” includes C, but “选项C” is empty.']);
  });

  it('finds the header below a title row, and reports missing columns and files without questions', async () => {
    const titled = '某银行题库导入表\r\n题型,题干,选项A,选项B,答案,解析\r\n判断,问题,,,对,解析\r\n';
    expect(questionsOf(await run('x.csv', utf8(titled))).size).toBe(1);
    expect(errorsOf(await run('x.csv', utf8('题型,题干\r\n判断,问题\r\n')))).toEqual(['1: 缺少列“答案”。']);
    // Without a 解析 column the questions import, with one warning at the header.
    const noExplanations = await run('x.csv', utf8('题型,题干,答案\r\n判断,问题,对\r\n'));
    expect(questionsOf(noExplanations).get('T-BCM-101-0001')).toMatchObject({ explanation: '' });
    expect(warningsOf(noExplanations)).toEqual(['1: 没有“解析”列：导入的题目都没有解析，学员看到“暂无解析”。']);
    expect(errorsOf(await run('x.csv', utf8('姓名,邮箱\r\n张三,a@b.c\r\n')))).toEqual(['1: 找不到表头：前几行中应有“题型”和“题干”列。请使用下载的模板。']);
    expect(errorsOf(await run('x.csv', utf8('题型,题干,答案,解析\r\n\r\n')))).toEqual(['1: 文件中没有题目。']);
    expect(errorsOf(await run('x.csv', utf8('题型,题干,答案,解析\r\n判断,"未闭合的引号,对,解析\r\n')))[0]).toMatch(/无法读取 CSV/);
  });

  it('ties case sub-questions to their case by 案例编号 even when they do not follow it', async () => {
    const csv = [
      '题型,题干,选项A,选项B,答案,解析,案例编号',
      '案例分析,背景一,,,,,K1',
      '案例分析,背景二,,,,,K2',
      '案例-判断,一的小题1,,,对,解析,K1',
      '案例-判断,二的小题1,,,错,解析,K2',
      '案例-单选,一的小题2,甲,乙,B,解析,K1',
      '案例-判断,二的小题2,,,√,解析,K2',
      '案例-判断,没有这个案例,,,√,解析,K9',
    ].join('\r\n');
    expect(errorsOf(await run('x.csv', utf8(csv)))).toEqual(['8: “案例编号”“K9”：上方没有这个编号的案例分析行。']);
    const q = [...questionsOf(await run('x.csv', utf8(csv.split('\r\n').slice(0, 7).join('\r\n')))).values()];
    expect(q.map((c) => c.type === 'case' && c.parts.map((p) => p.stem))).toEqual([
      ['一的小题1', '一的小题2'],
      ['二的小题1', '二的小题2'],
    ]);
    expect(errorsOf(await run('x.csv', utf8('题型,题干,答案,解析\r\n案例分析,背景,A,\r\n')))[0]).toMatch(/^2: 案例分析行只填写案例背景/);
  });

  it('rejects old .xls files with advice', async () => {
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(errorsOf(await run('bank.xls', xls))).toEqual(['1: 这是旧版 Excel（.xls）文件：请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再上传。']);
  });
});

describe('the spreadsheet template, read from XLSX', () => {
  it('reads an Excel workbook: numbers, booleans, rich text, multi-line cells, and Excel row numbers', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('说明').addRow(['这张表不是题目']);
    const sheet = book.addWorksheet('题目');
    sheet.addRow(['某支行题库']);
    sheet.addRow(['题型', '题干', '选项A', '选项B', '选项C', '答案', '解析', '难度', '知识点']);
    sheet.addRow([
      '单选题',
      { richText: [{ text: '客户经理的' }, { font: { bold: true }, text: '核心' }, { text: '是？' }] },
      '产品',
      '客户',
      '柜台',
      'ｂ',
      '以客户为中心。',
      2,
      '客户经理制',
    ]);
    sheet.addRow([]);
    sheet.addRow(['判断', '第一行\n第二行', null, null, null, true, 'Excel 把 TRUE 存成布尔值。', 1, '合规']);
    sheet.addRow(['多选', '哪些正确？  ', '甲', '乙', '丙', 'A、C', '甲丙正确。', '较难', '风险']);
    sheet.addRow(['多选', '坏行', '甲', '乙', '', 'A、C', '解析', 3, '风险']);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());

    const bad = await run('bank.xlsx', bytes);
    expect(errorsOf(bad)).toEqual(['7: “答案”包含 C，但“选项C”为空。']);

    sheet.spliceRows(7, 1);
    const q = [...questionsOf(await run('bank.xlsx', new Uint8Array(await book.xlsx.writeBuffer()))).values()];
    expect(q.map((x) => [x.at, x.type, x.stem, 'answer' in x ? x.answer : null, x.difficulty])).toEqual([
      [3, 'single', '客户经理的核心是？', 'B', 2],
      [5, 'truefalse', '第一行\n第二行', true, 1],
      [6, 'multiple', '哪些正确？', 'AC', 4],
    ]);
  });

  it('also takes an XLSX uploaded under another name', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Sheet1').addRows([
      ['题型', '题干', '答案', '解析'],
      ['判断', '问题', '×', '解析'],
    ]);
    const q = questionsOf(await run('upload', new Uint8Array(await book.xlsx.writeBuffer())));
    expect([...q.values()][0]).toMatchObject({ type: 'truefalse', answer: false });
  });
});

describe('the downloadable template', () => {
  it('is itself a valid import, with an example of every type, in CSV and XLSX', async () => {
    const csv = templateCsv();
    expect(csv.startsWith('\uFEFF题型,题干,选项A,选项B,选项C,选项D,选项E,选项F,答案,解析,难度,知识点,所属课,案例编号,题目编号,评分标准,字数\r\n')).toBe(true);
    const fromCsv = await run('template.csv', utf8(csv));
    expect('counts' in fromCsv && fromCsv.counts).toEqual({ single: 1, multiple: 1, truefalse: 1, case: 1, written: 1 });

    const xlsx = await templateXlsx(zh);
    const fromXlsx = await run('template.xlsx', new Uint8Array(xlsx));
    expect('counts' in fromXlsx && fromXlsx.counts).toEqual({ single: 1, multiple: 1, truefalse: 1, case: 1, written: 1 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['题目', '填写说明']);
    const help = book.worksheets[1]!.getColumn(2).values.join('\n');
    expect(help).toContain('案例-单选');
    expect(help).toContain('正确/错误、对/错、√/×');
  });
});
