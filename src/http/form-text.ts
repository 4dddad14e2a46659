// A parsed form field as text: hono's parseBody gives a string, a File or nothing; the routes
// only read text fields, so anything else is the empty string.
export const formText = (v: unknown): string => (typeof v === 'string' ? v : '');
