// An institution's imported question may come without an explanation (a warning at import time):
// the review then says so instead of showing an empty line.
import { describe, expect, it } from 'vitest';
import { formatter, translator } from '../../src/i18n/index.js';
import type { ViewContext } from '../../src/http/view-context.js';
import type { ViewSlot } from '../../src/exams/paper-view.js';
import { SlotReview } from '../../views/exams/review.js';

function ctxFor(locale: 'zh-CN' | 'en'): ViewContext {
  return { t: translator(locale), locale, fmt: formatter(locale, 'Asia/Shanghai'), user: null, path: '/', flash: null, devReload: false };
}

function slotWith(explanation: string): ViewSlot {
  const item = { key: 'imp:客户经理-职责-2', course: 'bcm-intro', type: 'truefalse' as const, points: 1 };
  return {
    slot: { key: item.key, item, type: 'truefalse', points: 1, no: 1 },
    part: { id: '客户经理-职责-2', type: 'truefalse', stem: '客户经理应当遵守“了解你的客户”原则。', answer: true, explanation },
    options: [],
  } as ViewSlot;
}

const render = async (ctx: ViewContext, vs: ViewSlot) =>
  String(await (<SlotReview ctx={ctx} vs={vs} given="true" score={1} showKey showExplanation />).toString());

describe('the review of a question without an explanation', () => {
  it('shows 暂无解析 (No explanation yet in English) where the explanation would be', async () => {
    expect(await render(ctxFor('zh-CN'), slotWith(''))).toContain('<dd class="explanation">暂无解析</dd>');
    expect(await render(ctxFor('en'), slotWith(''))).toContain('<dd class="explanation">No explanation yet</dd>');
    expect(await render(ctxFor('zh-CN'), slotWith('遵守原则是基本要求。'))).toContain('<dd class="explanation">遵守原则是基本要求。</dd>');
  });
});
