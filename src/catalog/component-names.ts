// The components a lesson may use. Kept apart from the hono/jsx implementations so the compiler,
// the cache key and validation can know the names without loading any view code.
export const COMPONENT_NAMES = ['Callout', 'Term', 'Case', 'Figure', 'Media', 'SelfCheck'] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

export function isComponentName(name: string): name is ComponentName {
  return (COMPONENT_NAMES as readonly string[]).includes(name);
}
