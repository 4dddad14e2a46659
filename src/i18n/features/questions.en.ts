import type { questionsZh } from './questions.zh-CN.js';

// Column names stay in Chinese in brackets: they are what the spreadsheet's header says.
export const questionsEn: Record<keyof typeof questionsZh, string> = {
  // list page
  'questions.nav': 'Question banks',
  'questions.title': 'Institution question bank',
  'questions.intro': 'Questions your institution imported, for its own mock exams and practice. Only your institution’s admins and instructors can see them.',
  'questions.importLink': 'Import questions',
  'questions.templateXlsx': 'Download the template (XLSX, with instructions)',
  'questions.templateCsv': 'Download the template (CSV)',
  'questions.filter.course': 'Course',
  'questions.filter.all': 'All courses',
  'questions.filter.submit': 'Show',
  'questions.col.course': 'Course',
  'questions.col.total': 'Total',
  'questions.col.id': 'Question id',
  'questions.col.type': 'Type',
  'questions.col.stem': 'Question',
  'questions.col.answer': 'Answer',
  'questions.col.difficulty': 'Difficulty',
  'questions.col.topic': 'Topic',
  'questions.col.importedAt': 'Imported',
  'questions.type.single': 'Single choice',
  'questions.type.multiple': 'Multiple choice',
  'questions.type.truefalse': 'True/false',
  'questions.type.case': 'Case analysis',
  'questions.answer.true': 'True',
  'questions.answer.false': 'False',
  'questions.parts': '{count} {count|sub-question|sub-questions}',
  'questions.courseHeading': '{code} {title} ({count} {count|question|questions})',
  'questions.none': 'No questions imported for this course yet.',
  'questions.noneAtAll': 'Your institution has not imported any questions yet.',

  // import page
  'questions.import.title': 'Import questions',
  'questions.import.help':
    'Upload a CSV or XLSX sheet filled in from the template, or a Moodle GIFT text file (.gift or .txt). Press “Preview” to check it, then “Import”. If any row is wrong, nothing is imported.',
  'questions.import.formats':
    'Template columns: 题型 (type), 题干 (question), 选项A–F (options), 答案 (answer), 解析 (explanation), 难度 (difficulty), 知识点 (topic), and optionally 所属课 (lesson), 案例编号 (case number), 题目编号 (question id).',
  'questions.import.course': 'Import into course',
  'questions.import.chooseCourse': 'Choose a course',
  'questions.import.file': 'Question file (CSV, XLSX or GIFT)',
  'questions.import.preview': 'Preview (nothing saved)',
  'questions.import.submit': 'Import',
  'questions.import.back': 'Back to the question bank',
  'questions.import.failed': 'The file has {count} {count|problem|problems}; nothing was imported:',
  'questions.import.previewOk': 'Preview: {total} questions read, not saved yet. If they look right, press “Import”.',
  'questions.import.done': 'Imported {total} questions ({created} new, {updated} updated).',
  'questions.import.doneNoExplanation':
    'Imported {total} questions ({created} new, {updated} updated); {missing} have no explanation, so trainees see “No explanation yet”.',
  'questions.import.warnings': '{count} {count|note|notes} (the import can go ahead):',
  'questions.warning.noExplanation': '“{column}” is empty: trainees will see “No explanation yet”.',
  'questions.warning.noExplanationColumn': 'No “{column}” column: none of the questions has an explanation, so trainees see “No explanation yet”.',
  'questions.noExplanation': 'No explanation yet',
  'questions.import.moreRows': '… and {count} more {count|question|questions} not listed.',
  'questions.import.courseRequired': 'Choose the course to import into.',
  'questions.import.fileRequired': 'Choose a file to upload.',
  'questions.row': 'Row {at}: {message}',
  'questions.line': 'Line {at}: {message}',

  // reading a spreadsheet
  'questions.error.csvUnreadable': 'Cannot read the CSV: an unclosed quote or malformed text from this line on.',
  'questions.error.xlsxUnreadable': 'Cannot read the XLSX: the file may be damaged, or it is not an Excel workbook.',
  'questions.error.oldXls': 'This is an old Excel (.xls) file: save it as .xlsx or CSV in Excel or WPS, then upload that.',
  'questions.error.emptyFile': 'The file is empty.',
  'questions.error.tooLarge': 'The file is too large (at most {max} MB).',
  'questions.error.tooManyRows': 'A file may hold at most {max} questions and this one has more; split it into several files.',
  'questions.error.unpackedTooLarge':
    'The XLSX file unpacks to too much (at most {max} MB and {cells} cells); remove extra sheets or formatting and try again.',
  'questions.error.noHeader': 'No header found: one of the first rows must have the columns 题型 and 题干. Use the downloadable template.',
  'questions.error.missingColumn': 'The column “{column}” is missing.',
  'questions.error.noQuestions': 'The file has no questions.',
  'questions.error.emptyCell': '“{column}” is empty.',
  'questions.error.badType':
    '“{column}”: “{value}” is not a question type. Use 单选, 多选, 不定项, 判断, 案例分析, or 案例-单选, 案例-多选, 案例-判断 for case sub-questions; 主观题, 简答, 论述, 案例分析-主观 or 实操任务 for a written question.',
  'questions.error.caseHasAnswer':
    'A 案例分析 row holds only the case scenario: leave “{column}” and the options empty and put the sub-questions in 案例-单选/案例-多选/案例-判断 rows below it.',
  'questions.error.caseRefTaken': '“{column}” “{value}” is already used on row {row}.',
  'questions.error.caseRefUnknown': '“{column}” “{value}”: there is no 案例分析 row with this number above.',
  'questions.error.partWithoutCase': '“{type}” is a case sub-question: put it directly below its 案例分析 row, or give the case number in “{column}”.',
  'questions.error.casePartCount': 'A case question needs 2–5 sub-questions; this one has {count}.',
  'questions.error.badDifficulty': '“{column}”: “{value}” is not a difficulty. Use 1–5, or 易, 较易, 中, 较难, 难.',
  'questions.error.badLesson': '“{column}”: “{value}” is not a lesson of this course. Use the lesson number 1–{count} or the lesson’s file name.',
  'questions.error.badTrueFalse': '“{column}”: “{value}” is not a true/false answer. Use 正确/错误, 对/错, √/×, T/F or 是/否.',
  'questions.error.optionGap': '“{column}” is empty but “{next}” is filled: fill the options from A without gaps.',
  'questions.error.fewOptions': 'A choice question needs at least two options (“{a}” and “{b}”).',
  'questions.error.badLetters': '“{column}”: “{value}” is not option letters. Use A, AC, A、C, A,C and so on (A–F).',
  'questions.error.letterWithoutOption': '“{column}” includes {letter}, but “{option}” is empty.',
  'questions.error.singleNeedsOne': 'A single-choice question has one answer; “{value}” has {count}. Use 多选 when several options are correct.',
  'questions.error.multipleNeedsTwo':
    'A multiple-choice question has at least two correct options; “{value}” has one. Use 单选 or 不定项 for a question with one correct option.',
  'questions.error.badId': 'Question id “{value}” is not valid: at most 64 letters, digits, Chinese characters and - _ . :, no spaces.',
  'questions.error.officialId':
    'Question id “{value}” looks like an id of the official course banks (e.g. BCM-101-001): choose another, or leave it empty to have one generated.',
  'questions.error.duplicateId': 'Question id “{value}” appears twice in the file (first on row {row}).',
  'questions.error.schema': 'The question does not fit the question-bank format: {detail}',
  'questions.error.idInOtherCourse': 'Question id “{value}” already belongs to a question of another course of your institution ({course}).',
  'questions.error.idTaken': 'Question id “{value}” is already used by your institution’s question {other}.',

  // reading GIFT
  'questions.gift.fullWidth':
    'Column {column} has a full-width “{char}”: GIFT needs the half-width “{ascii}” (switch the Chinese keyboard to English punctuation).',
  'questions.gift.syntax': 'GIFT syntax error (column {column}): {detail}',
  'questions.gift.noAnswers': 'No answer block in braces: only questions with answers (single, multiple, true/false) are imported.',
  'questions.gift.unsupported': 'Unsupported GIFT question type ({type}): only single choice, multiple choice and true/false are imported.',
  'questions.gift.badDifficulty': '[tag:难度:{value}] is not a difficulty. Use 1–5, or 易, 较易, 中, 较难, 难.',
  'questions.gift.badLesson': '[tag:所属课:{value}] is not a lesson of this course. Use the lesson number 1–{count} or the lesson’s file name.',
  'questions.gift.noStem': 'The question text is empty.',
  'questions.gift.noExplanation': 'No explanation: trainees will see “No explanation yet”; add one as general feedback, ####….',
  'questions.gift.optionCount': 'A choice question needs 2–6 options; this one has {count}.',
  'questions.gift.noCorrect': 'No correct answer: mark it with = (single choice), or give correct options a positive weight such as ~%50% (multiple choice).',
  'questions.gift.severalEquals': 'Several = answers: for multiple choice give each correct option a weight, e.g. ~%50%A ~%50%B ~%-100%C.',
  'questions.gift.emptyOption': 'An option is empty.',

  // the template's instructions sheet
  'questions.template.helpSheet': 'Instructions',
  'questions.template.helpTitle': 'Question import template: how to fill it in',
  'questions.template.column': 'Column',
  'questions.template.meaning': 'Meaning',
  'questions.template.help.type':
    'Required. 单选 (single), 多选 (multiple), 不定项 (single or multiple, by the number of answer letters), 判断 (true/false), 案例分析 (case); a case’s sub-questions are 案例-单选, 案例-多选, 案例-判断. 单选题, 多选题, 判断题 also work.',
  'questions.template.help.stem': 'Required. The question text; line breaks inside the cell (Alt+Enter) are kept. On a 案例分析 row, the case scenario.',
  'questions.template.help.options': 'Required for single and multiple choice: at least A and B, at most F, filled from A without gaps. Empty for true/false.',
  'questions.template.help.answer':
    'Required (except on 案例分析 rows). Choice questions: letters, as A, AC, A、C, A,C or ａｃ. True/false: 正确/错误, 对/错, √/×, T/F or 是/否.',
  'questions.template.help.explanation': 'Recommended: the explanation trainees see after answering; left empty, they see “No explanation yet”.',
  'questions.template.help.difficulty':
    'Optional. 1 (easy) to 5 (hard), or 易, 较易, 中, 较难, 难; empty means 中 (3). Case sub-questions take the case row’s difficulty.',
  'questions.template.help.topic': 'Optional. The topic; empty means the course title.',
  'questions.template.help.lesson': 'Optional. The lesson number (1 = the course’s first lesson) or the lesson’s file name; empty means the first lesson.',
  'questions.template.help.caseRef':
    'Optional. A number for a 案例分析 row (e.g. C1), repeated on its sub-question rows; without it, sub-question rows must directly follow their case row. Each case has 2–5 sub-questions.',
  'questions.template.help.id':
    'Optional. A fixed id for the question; empty means one is generated (INSTITUTION-COURSE-0001). Importing the same id again updates that question.',
  'questions.template.note.rows': 'The first row is the header: keep the column names. The example rows can be deleted. Blank rows are skipped.',
  'questions.template.note.case':
    'Case questions: one 案例分析 row (the scenario), then 2–5 rows of 案例-单选 / 案例-多选 / 案例-判断 sub-questions directly below.',
  'questions.template.note.atomic': 'If any row is wrong, nothing in the file is imported; the page lists every problem by row number.',
  'questions.template.note.csv': 'You can also save the sheet as CSV (UTF-8 or GBK) and upload that.',
};
