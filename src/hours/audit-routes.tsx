import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env.js';
import { requireRole } from '../auth/index.js';
import { viewContext } from '../http/view-context.js';
import { AuditPage } from '../../views/hours/audit.js';
import { auditPage, auditSubjectCohorts, auditSubjectUsers } from '../institutions/index.js';
import { auditPeopleIds } from './audit-wording.js';

// The audit log: an admin reads their own institution's, the programme office every one (read-only).

export const AUDIT_PAGE_SIZE = 100;
const MAX_PAGE = 1_000_000;

function renderAudit(c: Context<AppEnv>, scope: 'admin' | 'office', institutionId: number | null) {
  const { db } = c.var.deps;
  const raw = Number(c.req.query('page') ?? '1');
  const page = Number.isSafeInteger(raw) && raw >= 1 && raw <= MAX_PAGE ? raw : 1;
  // One row more than a page tells whether an older page exists.
  const rows = auditPage(db, institutionId, AUDIT_PAGE_SIZE + 1, (page - 1) * AUDIT_PAGE_SIZE);
  const shown = rows.slice(0, AUDIT_PAGE_SIZE);
  const idsOf = (kind: string) =>
    [...new Set(shown.flatMap((r) => (r.subject.startsWith(`${kind}:`) ? [Number(r.subject.slice(kind.length + 1))] : [])))].filter(Number.isSafeInteger);
  return c.html(
    <AuditPage
      ctx={viewContext(c)}
      scope={scope}
      rows={shown}
      subjects={{
        users: auditSubjectUsers(db, [...new Set([...idsOf('user'), ...shown.flatMap((r) => auditPeopleIds(r.detail))])], institutionId),
        cohorts: auditSubjectCohorts(db, idsOf('cohort'), institutionId),
      }}
      page={page}
      pageSize={AUDIT_PAGE_SIZE}
      hasNext={rows.length > AUDIT_PAGE_SIZE}
    />,
  );
}

export function auditRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/admin/audit', requireRole('admin'), (c) => {
    const institutionId = c.var.user!.institutionId;
    if (institutionId === null) throw new HTTPException(403);
    return renderAudit(c, 'admin', institutionId);
  });
  app.get('/office/audit', requireRole('office'), (c) => renderAudit(c, 'office', null));
  return app;
}
