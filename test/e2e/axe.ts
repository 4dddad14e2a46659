import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

// axe-core's WCAG 2.1 A and AA rules run inside a page. The page's context must bypass its
// Content-Security-Policy (bypassCSP) so that axe's own script may be injected.

const require = createRequire(import.meta.url);
const AXE_SOURCE: string = require('axe-core').source;
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

export async function axeViolations(page: Page): Promise<Violation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  }, WCAG);
}
