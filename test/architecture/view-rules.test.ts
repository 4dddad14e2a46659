import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTree } from './boundaries.js';

// Issue 12, "pages hold no rules" (docs/architecture.md): who may read a national ID or a phone in
// clear is decided by the institutions feature (rosterRows), which hands pages the numbers already
// masked. A page that masks, or asks auth whether the viewer may see them, must first have been
// given the clear numbers: that is what this check refuses.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PII_RULES = ['maskNationalId', 'maskPhone', 'canSeeSensitive'];

/** Pages (views/) that name one of the masking rules, as `file: name`. */
function pagesDecidingMasking(tree: Map<string, string>): string[] {
  return [...tree]
    .filter(([file]) => file.startsWith('views/'))
    .flatMap(([file, text]) => PII_RULES.filter((name) => new RegExp(`\\b${name}\\b`).test(text)).map((name) => `${file}: ${name}`));
}

describe('pages and the masking of personal numbers', () => {
  it('leaves masking to the features: no page names maskNationalId, maskPhone or canSeeSensitive', () => {
    expect(pagesDecidingMasking(readTree(root))).toEqual([]);
  });

  it('catches a page that masks on its own again', () => {
    const page =
      "import { maskPhone, type RosterEntry } from '../src/institutions/index.js';\nexport const Cell = (p: RosterEntry) => <td>{maskPhone(p.profile?.phone)}</td>;\n";
    expect(pagesDecidingMasking(new Map([['views/people.tsx', page]]))).toEqual(['views/people.tsx: maskPhone']);
  });
});
