import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import type { MessageKey, Translate } from '../i18n/index.js';
import { TEMPLATE_HEADER } from './spreadsheet.js';

// The downloadable question template: the header, one example of every type (a case question is
// its scenario row plus sub-question rows), and in the XLSX an instructions sheet. The examples
// are sample data in Chinese, like the questions themselves; the instructions follow the UI language.

type Example = Partial<Record<(typeof TEMPLATE_HEADER)[number], string>>;

export const TEMPLATE_EXAMPLES: Example[] = [
  {
    题型: '单选',
    题干: '银行客户经理制最早在哪类银行中普遍推行？',
    选项A: '中央银行',
    选项B: '西方商业银行',
    选项C: '政策性银行',
    选项D: '农村信用社',
    答案: 'B',
    解析: '客户经理制起源于西方商业银行，20 世纪 90 年代引入我国。',
    难度: '较易',
    知识点: '客户经理制',
    所属课: '1',
  },
  {
    题型: '多选',
    题干: '下列属于商业银行中间业务的有？',
    选项A: '代理保险',
    选项B: '代销基金',
    选项C: '发放流动资金贷款',
    选项D: '吸收定期存款',
    选项E: '保管箱业务',
    答案: 'A、B、E',
    解析: '中间业务不构成银行表内资产或负债；贷款是资产业务，存款是负债业务。',
    难度: '3',
    知识点: '中间业务',
    所属课: '1',
  },
  {
    题型: '判断',
    题干: '客户经理只负责存款业务，不涉及中间业务。',
    答案: '错误',
    解析: '客户经理提供包括存贷款、中间业务在内的综合金融服务。',
    难度: '易',
    知识点: '岗位职责',
    所属课: '1',
  },
  {
    题型: '案例分析',
    题干: '某制造企业年销售收入 2 亿元，近两年应收账款周转天数由 60 天延长至 110 天。\n企业向客户经理申请增加 3,000 万元流动资金贷款。',
    解析: '应收账款质量是判断流动资金需求真实性的关键。',
    难度: '较难',
    知识点: '贷前调查',
    所属课: '2',
    案例编号: 'C1',
  },
  {
    题型: '案例-单选',
    题干: '客户经理首先应核实的是？',
    选项A: '企业法定代表人的个人爱好',
    选项B: '应收账款的账龄结构和主要欠款方',
    选项C: '企业办公楼的装修情况',
    选项D: '同业银行的贷款利率',
    答案: 'B',
    解析: '周转天数大幅延长，应先核实账龄和欠款方的信用状况。',
    案例编号: 'C1',
  },
  {
    题型: '案例-多选',
    题干: '下列做法中，属于合规贷前调查的有？',
    选项A: '实地走访企业生产经营场所',
    选项B: '核对增值税发票与银行流水',
    选项C: '仅凭企业自报报表作出结论',
    选项D: '了解主要下游客户的付款情况',
    答案: 'ABD',
    解析: '贷前调查须实地核实、交叉验证，不能只依赖企业自报资料。',
    案例编号: 'C1',
  },
  {
    题型: '案例-判断',
    题干: '只要企业销售收入增长，就可以按申请金额足额放款。',
    答案: '×',
    解析: '还须测算合理的营运资金需求，防止贷款被挪用。',
    案例编号: 'C1',
  },
  {
    题型: '案例分析-主观',
    题干: '某商贸企业流动比率由 1.5 降至 0.9，经营活动现金流连续两年为负，申请续贷 2,000 万元。\n请分析其主要信用风险和还款来源，并提出授信建议。',
    答案: '参考答案：一、主要风险：流动比率低于 1，短期偿债能力明显减弱；经营现金流持续为负，说明销售回款不足以覆盖经营支出，依赖外部融资。二、还款来源：第一还款来源经营现金流不足，需核实应收账款质量和存货变现能力；第二还款来源看抵质押物和保证人实力。三、建议：压缩授信额度或追加足值抵押，约定资金用途并监控回款账户。',
    难度: '较难',
    知识点: '偿债能力分析',
    所属课: '2',
    评分标准:
      '风险识别: 0 未指出主要风险 | 2 指出一项风险 | 4 指出两项以上风险并引用数据\n还款来源分析: 0 未分析 | 3 只分析第一还款来源 | 6 第一、第二还款来源均有分析',
    字数: '300-800',
  },
];

const rowOf = (e: Example) => TEMPLATE_HEADER.map((h) => e[h] ?? '');

/** UTF-8 with a BOM, so Excel and WPS on Chinese Windows open it without garbling the text. */
export function templateCsv(): string {
  return `\uFEFF${stringify([TEMPLATE_HEADER, ...TEMPLATE_EXAMPLES.map(rowOf)], { record_delimiter: '\r\n' })}`;
}

// The column names are the template's own (Chinese) headers; what they mean follows the UI language.
const HELP: Array<[string, MessageKey]> = [
  ['题型', 'questions.template.help.type'],
  ['题干', 'questions.template.help.stem'],
  ['选项A–选项F', 'questions.template.help.options'],
  ['答案', 'questions.template.help.answer'],
  ['解析', 'questions.template.help.explanation'],
  ['难度', 'questions.template.help.difficulty'],
  ['知识点', 'questions.template.help.topic'],
  ['所属课', 'questions.template.help.lesson'],
  ['案例编号', 'questions.template.help.caseRef'],
  ['题目编号', 'questions.template.help.id'],
  ['评分标准', 'written.template.help.rubric'],
  ['字数', 'written.template.help.words'],
];
const NOTE_KEYS: MessageKey[] = [
  'questions.template.note.rows',
  'questions.template.note.case',
  'questions.template.note.atomic',
  'questions.template.note.csv',
  'written.template.note',
];

/** Excel has no automatic column width; count a CJK character as two units. */
const widthOf = (s: string) => [...s].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0);

export async function templateXlsx(t: Translate): Promise<Buffer> {
  const { default: Excel } = await import('exceljs'); // loaded on first use, not with the app
  const book = new Excel.Workbook();
  const sheet = book.addWorksheet('题目', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = TEMPLATE_HEADER.map((h) => ({
    header: h,
    key: h,
    width: Math.min(40, Math.max(8, widthOf(h) + 2, ...TEMPLATE_EXAMPLES.map((e) => widthOf((e[h] ?? '').split('\n')[0]!) + 2))),
    // Text format before any row is added, so an answer like `1` or an id like `0012` stays as typed.
    style: { numFmt: '@', alignment: { wrapText: true, vertical: 'top' } },
  }));
  sheet.getRow(1).font = { bold: true };
  for (const e of TEMPLATE_EXAMPLES) sheet.addRow(rowOf(e));
  const column = (name: string) => String.fromCharCode(65 + TEMPLATE_HEADER.indexOf(name as (typeof TEMPLATE_HEADER)[number]));
  // exceljs writes range validations (`A2:A2000`) but its typings only know per-cell ones.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  const list = (name: string, values: string) =>
    validations.add(`${column(name)}2:${column(name)}2000`, { type: 'list', allowBlank: true, formulae: [`"${values}"`] });
  list('题型', '单选,多选,不定项,判断,案例分析,案例-单选,案例-多选,案例-判断,主观题,简答,论述,案例分析-主观,实操任务');
  list('难度', '1,2,3,4,5,易,较易,中,较难,难');

  const help = book.addWorksheet(t('questions.template.helpSheet'));
  help.columns = [{ width: 16 }, { width: 90 }];
  help.addRow([t('questions.template.helpTitle')]).font = { bold: true, size: 13 };
  help.addRow([]);
  help.addRow([t('questions.template.column'), t('questions.template.meaning')]).font = { bold: true };
  for (const [name, key] of HELP) help.addRow([name, t(key)]).alignment = { wrapText: true, vertical: 'top' };
  help.addRow([]);
  for (const key of NOTE_KEYS) help.addRow(['', t(key)]).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await book.xlsx.writeBuffer());
}
