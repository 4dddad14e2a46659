// What runs on PostgreSQL today (issue 18, decision 007), said the same way by `npm start` and
// `bcm` when DATABASE_URL is set. Update it as the stores move; delete it when the app serves.
export const POSTGRES_NOT_SERVING =
  'BCM Academy cannot serve from PostgreSQL yet: the schema, the background-loop leases, the shared rate limits ' +
  'and the roster previews run on it, the other stores do not (issue 18). Unset DATABASE_URL to run on the ' +
  'SQLite file at DATABASE_PATH; `npx bcm backup FILE` works on both.';
