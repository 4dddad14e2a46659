// The four programme levels. Their hours, courses and rules live in courses/programme.yaml; this
// list is only the set of valid ids, used for validating forms and the database enum.
export const LEVEL_IDS = ['assistant', 'retail', 'corporate', 'senior'] as const;
export type LevelId = (typeof LEVEL_IDS)[number];

export function isLevelId(v: unknown): v is LevelId {
  return typeof v === 'string' && (LEVEL_IDS as readonly string[]).includes(v);
}
