// Imports that break the boundaries of docs/architecture.md. The list is empty and can only stay
// so: boundaries.test.ts fails when an import appears that is not here, and when one here is gone.
// Add a line only with a reason beside it and an issue that removes it.

export const ALLOWED: readonly string[] = [];
