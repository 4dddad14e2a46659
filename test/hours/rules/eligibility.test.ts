import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { evaluateEligibility, type ApplicantProfile, type EligibilitySpec } from '../../../src/hours/rules/eligibility.js';

// The rules as courses/programme.yaml holds them.
const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../courses/programme.yaml');
const programme = YAML.parse(fs.readFileSync(file, 'utf8')) as { levels: { id: string; eligibility: EligibilitySpec }[] };
const spec = (id: string): EligibilitySpec => {
  const level = programme.levels.find((l) => l.id === id);
  if (!level) throw new Error(`no level ${id} in programme.yaml`);
  return level.eligibility;
};
const ASSISTANT = spec('assistant');
const RETAIL = spec('retail');
const CORPORATE = spec('corporate');
const SENIOR = spec('senior');

function who(over: Partial<ApplicantProfile> = {}): ApplicantProfile {
  return { education: 'bachelor', yearsInFinance: 0, certificates: [], majorViolation: false, ...over };
}

describe('assistant: 大专 or above', () => {
  it.each(['associate', 'bachelor', 'master', 'doctorate'] as const)('%s is eligible', (education) => {
    expect(evaluateEligibility(ASSISTANT, who({ education }))).toEqual({ eligible: true, metRules: [0], reasons: [] });
  });

  it('below 大专 is not, and says so', () => {
    expect(evaluateEligibility(ASSISTANT, who({ education: 'other' }))).toEqual({
      eligible: false,
      metRules: [],
      reasons: [{ code: 'needsEducation', rule: 0, education: 'associate', has: 'other' }],
    });
  });

  it('unknown education is not', () => {
    const r = evaluateEligibility(ASSISTANT, who({ education: null }));
    expect(r.eligible).toBe(false);
    expect(r.reasons).toEqual([{ code: 'needsEducation', rule: 0, education: 'associate', has: null }]);
  });

  it('a violation record does not matter at this level', () => {
    expect(evaluateEligibility(ASSISTANT, who({ majorViolation: true })).eligible).toBe(true);
  });
});

describe.each([
  ['retail', RETAIL],
  ['corporate', CORPORATE],
])('%s: any one of 大专+2, 本科+1, master, assistant certificate', (_id, rules) => {
  it('大专 with 2 years is eligible; with 1.5 years it needs 2', () => {
    expect(evaluateEligibility(rules, who({ education: 'associate', yearsInFinance: 2 }))).toMatchObject({ eligible: true, metRules: [0] });
    const r = evaluateEligibility(rules, who({ education: 'associate', yearsInFinance: 1.5 }));
    expect(r.eligible).toBe(false);
    expect(r.reasons).toEqual([
      { code: 'needsYears', rule: 0, education: 'associate', years: 2, has: 1.5 },
      { code: 'needsEducation', rule: 1, education: 'bachelor', years: 1, has: 'associate' },
      { code: 'needsEducation', rule: 2, education: 'master', has: 'associate' },
      { code: 'needsCertificate', rule: 3, certificate: 'assistant' },
    ]);
  });

  it('本科 with 1 year is eligible (and so satisfies the 大专+2 route too when it has 2)', () => {
    expect(evaluateEligibility(rules, who({ yearsInFinance: 1 }))).toMatchObject({ eligible: true, metRules: [1] });
    expect(evaluateEligibility(rules, who({ yearsInFinance: 2 }))).toMatchObject({ eligible: true, metRules: [0, 1] });
  });

  it('本科 with 0 years is not: it needs 1 year', () => {
    const r = evaluateEligibility(rules, who({ yearsInFinance: 0 }));
    expect(r.eligible).toBe(false);
    expect(r.reasons).toContainEqual({ code: 'needsYears', rule: 1, education: 'bachelor', years: 1, has: 0 });
    expect(r.reasons).toContainEqual({ code: 'needsYears', rule: 0, education: 'associate', years: 2, has: 0 });
  });

  it("a master's graduate with 0 years is eligible", () => {
    expect(evaluateEligibility(rules, who({ education: 'master', yearsInFinance: 0 }))).toEqual({
      eligible: true,
      metRules: [2],
      reasons: [],
    });
  });

  it('a doctorate counts as master or above', () => {
    expect(evaluateEligibility(rules, who({ education: 'doctorate' })).metRules).toEqual([2]);
  });

  it('an assistant-certificate holder is eligible whatever the education or experience', () => {
    const r = evaluateEligibility(rules, who({ education: 'other', yearsInFinance: 0, certificates: ['assistant'] }));
    expect(r).toEqual({ eligible: true, metRules: [3], reasons: [] });
    expect(evaluateEligibility(rules, who({ education: null, certificates: ['retail', 'assistant'] })).eligible).toBe(true);
  });

  it('a negative or missing year count is read as 0', () => {
    const r = evaluateEligibility(rules, who({ yearsInFinance: Number.NaN }));
    expect(r.reasons).toContainEqual({ code: 'needsYears', rule: 1, education: 'bachelor', years: 1, has: 0 });
    expect(evaluateEligibility(rules, who({ yearsInFinance: -3 })).eligible).toBe(false);
  });

  it('no violation requirement at this level', () => {
    expect(evaluateEligibility(rules, who({ education: 'master', majorViolation: true })).eligible).toBe(true);
  });
});

describe('senior: 大专+5, 本科+3, master+1, and no major violation', () => {
  it('each route with exactly enough years is eligible', () => {
    expect(evaluateEligibility(SENIOR, who({ education: 'associate', yearsInFinance: 5 })).metRules).toEqual([0]);
    expect(evaluateEligibility(SENIOR, who({ education: 'bachelor', yearsInFinance: 3 })).metRules).toEqual([1]);
    expect(evaluateEligibility(SENIOR, who({ education: 'master', yearsInFinance: 1 })).metRules).toEqual([2]);
  });

  it("a master's graduate with 0 years needs 1", () => {
    const r = evaluateEligibility(SENIOR, who({ education: 'master', yearsInFinance: 0 }));
    expect(r.eligible).toBe(false);
    expect(r.reasons).toEqual([
      { code: 'needsYears', rule: 0, education: 'associate', years: 5, has: 0 },
      { code: 'needsYears', rule: 1, education: 'bachelor', years: 3, has: 0 },
      { code: 'needsYears', rule: 2, education: 'master', years: 1, has: 0 },
    ]);
  });

  it('a major violation makes an otherwise qualified applicant ineligible', () => {
    expect(evaluateEligibility(SENIOR, who({ education: 'bachelor', yearsInFinance: 10, majorViolation: true }))).toEqual({
      eligible: false,
      metRules: [0, 1],
      reasons: [{ code: 'majorViolation' }],
    });
  });

  it('a violation and missing experience are both reported', () => {
    const r = evaluateEligibility(SENIOR, who({ yearsInFinance: 1, majorViolation: true }));
    expect(r.eligible).toBe(false);
    expect(r.reasons[0]).toEqual({ code: 'majorViolation' });
    expect(r.reasons).toHaveLength(4);
  });

  it('the assistant certificate is not a route to senior (kept out of the data)', () => {
    const r = evaluateEligibility(SENIOR, who({ education: 'other', certificates: ['assistant'] }));
    expect(r.eligible).toBe(false);
    expect(r.reasons.every((x) => x.code === 'needsEducation')).toBe(true);
  });
});

describe('rules as data', () => {
  it('an institution can add the certificate route back without a code change', () => {
    const amended: EligibilitySpec = { ...SENIOR, anyOf: [...SENIOR.anyOf, { certificate: 'assistant' }] };
    expect(evaluateEligibility(amended, who({ education: 'other', certificates: ['assistant'] }))).toMatchObject({
      eligible: true,
      metRules: [3],
    });
  });

  it('a rule combining a certificate with education checks both', () => {
    const rules: EligibilitySpec = { anyOf: [{ education: 'bachelor', certificate: 'assistant' }], noMajorViolation: false };
    expect(evaluateEligibility(rules, who()).reasons).toEqual([{ code: 'needsCertificate', rule: 0, education: 'bachelor', certificate: 'assistant' }]);
    expect(evaluateEligibility(rules, who({ certificates: ['assistant'] })).eligible).toBe(true);
  });

  it('an empty anyOf lets nobody in', () => {
    expect(evaluateEligibility({ anyOf: [], noMajorViolation: false }, who({ education: 'doctorate' }))).toEqual({
      eligible: false,
      metRules: [],
      reasons: [],
    });
  });
});
