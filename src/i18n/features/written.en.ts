import type { writtenZh } from './written.zh-CN.js';

export const writtenEn: Record<keyof typeof writtenZh, string> = {
  'exams.type.written': 'Written',
  'questions.type.written': 'Written',
  'written.kind.short': 'Short answer',
  'written.kind.essay': 'Essay',
  'written.kind.case': 'Case analysis',
  'written.kind.task': 'Practical task',
  'written.import.hasOptions': 'A written question has no options: leave “{column}” and the other option columns empty.',
  'written.import.badWords': '“{value}” in “{column}” cannot be read: write “least-most”, e.g. 300-800.',
  'written.import.rubricNoName': 'Line {line} of “{column}” (“{value}”) has no criterion name: write “criterion: 0 description | 2 description | …”.',
  'written.import.rubricBadLevel':
    'The level “{value}” on line {line} of “{column}” cannot be read: start each level with its points, e.g. “2 names one risk”, and separate levels with |.',
  'written.import.rubricEmpty': '“{column}” is empty: a written question needs at least two criteria.',
  'written.template.help.rubric':
    'Required for written questions, empty for the others. One criterion per line, “criterion: 0 description | 2 description | 4 description”: levels rise from 0, separated by |; the question is worth the sum of each criterion’s highest level (5–40).',
  'written.template.help.words': 'Required for written questions: a length guide, “least-most”, e.g. 300-800 (shown, not enforced).',
  'written.template.note':
    'Written questions (题型 主观题, 简答, 论述, 案例分析-主观 or 实操任务): put the model answer in the 答案 column (at least 100 characters, shown to the trainee after marking), fill in 评分标准 and 字数, leave the options empty.',
  'written.answerLabel': 'Your answer',
  'written.answerHelp': 'Any input method works; the answer is saved about a second after you stop typing.',
  'written.guide': 'Aim for {min}–{max} characters; at most {limit}.',
  'written.count': '{n} characters',
  'exams.answerTooLong': 'This answer is over the {max}-character limit and was not saved: shorten it and try again.',
  'exams.awaiting': 'Awaiting marking',
  'exams.awaitingTitle': 'Submitted: written answers awaiting marking',
  'exams.awaitingNote':
    'Objective part marked: {score} / {max}. {n} written {n|answer is|answers are} waiting for an instructor; the total and pass or fail follow when marking is done.',
  'exams.awaitingRow': 'Awaiting marking',
  'written.review.pending': 'Awaiting marking: the score, the marker’s comment and the model answer appear here once it is marked.',
  'written.review.blank': 'Not answered; no points.',
  'written.review.score': 'Score {score} / {max}',
  'written.review.comment': 'Marker’s comment',
  'written.review.model': 'Model answer',
  'written.review.rubric': 'Marking criteria',
  'written.review.sectionScore': 'Score {score} / {max}',
  'exams.awaitingBreakdown': 'Course scores below leave out the written answers still to be marked; they are updated once marking is done.',
  'home.exam.awaiting': '{n} {n|attempt|attempts} awaiting marking',
};
