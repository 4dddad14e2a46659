// Eligibility to apply for a level's assessment (申报条件), from the `eligibility` data of
// courses/programme.yaml: the applicant must satisfy any one rule of `anyOf` and, when
// `noMajorViolation` is set, have no record of major violations. Education requirements mean
// "this or above" (大专及以上). Reasons are codes with parameters; the UI words them.

export type Education = 'associate' | 'bachelor' | 'master' | 'doctorate';
export type ProfileEducation = Education | 'other';

/** other < associate (大专) < bachelor (本科) < master (硕士) < doctorate (博士). */
export const EDUCATION_RANK: Readonly<Record<ProfileEducation, number>> = {
  other: 0,
  associate: 1,
  bachelor: 2,
  master: 3,
  doctorate: 4,
};

export interface EligibilityRule {
  education?: Education;
  yearsInFinance?: number;
  certificate?: string;
}

export interface EligibilitySpec {
  anyOf: readonly EligibilityRule[];
  noMajorViolation: boolean;
}

export interface ApplicantProfile {
  /** null when the applicant has not said. */
  education: ProfileEducation | null;
  yearsInFinance: number;
  /** Level ids of the competency certificates held, e.g. 'assistant'. */
  certificates: readonly string[];
  majorViolation: boolean;
}

/** The rule's own requirements ride along, so the UI can say the whole route in one sentence. */
type RuleParams = { rule: number; education?: Education; years?: number; certificate?: string };

export type EligibilityReason =
  | ({ code: 'needsEducation'; has: ProfileEducation | null } & RuleParams & { education: Education })
  | ({ code: 'needsYears'; has: number } & RuleParams & { years: number })
  | ({ code: 'needsCertificate' } & RuleParams & { certificate: string })
  | { code: 'majorViolation' };

export interface EligibilityResult {
  eligible: boolean;
  /** Indexes into anyOf of the rules the profile satisfies. */
  metRules: number[];
  /** Empty when eligible; otherwise majorViolation (if it applies) and, when no rule is met, one per rule. */
  reasons: EligibilityReason[];
}

export function evaluateEligibility(spec: EligibilitySpec, profile: ApplicantProfile): EligibilityResult {
  const years = Number.isFinite(profile.yearsInFinance) && profile.yearsInFinance > 0 ? profile.yearsInFinance : 0;
  const rank = profile.education === null ? -1 : (EDUCATION_RANK[profile.education] ?? -1);
  const metRules: number[] = [];
  const ruleReasons: EligibilityReason[] = [];

  spec.anyOf.forEach((rule, index) => {
    const params: RuleParams = { rule: index };
    if (rule.education !== undefined) params.education = rule.education;
    if (rule.yearsInFinance !== undefined) params.years = rule.yearsInFinance;
    if (rule.certificate !== undefined) params.certificate = rule.certificate;

    if (rule.education !== undefined && rank < EDUCATION_RANK[rule.education]) {
      ruleReasons.push({ code: 'needsEducation', ...params, education: rule.education, has: profile.education });
    } else if (rule.yearsInFinance !== undefined && years < rule.yearsInFinance) {
      ruleReasons.push({ code: 'needsYears', ...params, years: rule.yearsInFinance, has: years });
    } else if (rule.certificate !== undefined && !profile.certificates.includes(rule.certificate)) {
      ruleReasons.push({ code: 'needsCertificate', ...params, certificate: rule.certificate });
    } else {
      metRules.push(index);
    }
  });

  const violation = spec.noMajorViolation && profile.majorViolation;
  const reasons: EligibilityReason[] = [];
  if (violation) reasons.push({ code: 'majorViolation' });
  if (metRules.length === 0) reasons.push(...ruleReasons);
  return { eligible: !violation && metRules.length > 0, metRules, reasons };
}
