import { formText } from '../http/form-text.js';
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requireRole, cohortAccess, type CohortEnv } from '../auth/index.js';
import { viewContext } from '../http/view-context.js';
import { setFlash } from '../http/flash.js';
import type { MessageKey } from '../i18n/index.js';
import { findInstitution, listRoster } from '../institutions/index.js';
import { cohortPositions } from '../hours/index.js';
import { AdminProofPage } from '../../views/proof/admin.js';
import { issueCertificate, reissueCertificate, revokeCertificate, type ChangeResult } from './certificates.js';
import { adminProofRow } from './standing.js';
import { parseRange } from '../platform/zoned-time.js';
import { proofEnv } from './deps.js';
import { EXPORT_FORMATS, EXPORT_KINDS, exportFile, type ExportKind } from './exports.js';
import { interimResponse, localeParam } from './downloads.js';
import { parseSerial } from './serial.js';
import * as store from './store.js';
import type { Format } from '../platform/tables.js';

// The institution admin's proof screens under /admin/cohorts/:cohortId/proof. cohortAccess('manage')
// guards each route: another institution's admin gets 404, exactly as for a missing cohort.

function backTo(c: Context<CohortEnv>) {
  return c.redirect(`/admin/cohorts/${c.var.cohort.id}/proof`, 303);
}

const CHANGE_ERRORS: Record<Exclude<ChangeResult, { ok: true }>['error'], MessageKey> = {
  notFound: 'proof.flash.notFound',
  notValid: 'proof.flash.notValid',
  reasonRequired: 'proof.flash.reasonRequired',
  reasonTooLong: 'proof.flash.reasonTooLong',
  requirements: 'proof.flash.requirements',
  noCohort: 'proof.flash.noCohort',
};

/** The serial in the path, checked (a bad check character cannot name any certificate). */
function serialParam(c: Context<CohortEnv>): string {
  const parsed = parseSerial(c.req.param('serial') ?? '');
  if (!parsed.ok) throw new HTTPException(404);
  return parsed.serial;
}

export function adminProofRoutes() {
  const app = new Hono<CohortEnv>();
  const base = '/admin/cohorts/:cohortId/proof';
  const guard = [requireRole('admin'), cohortAccess('manage')] as const;

  app.get(base, ...guard, (c) => {
    const { db, catalog } = c.var.deps;
    const cohort = c.var.cohort;
    const certs = store.cohortCertificates(db, cohort.id, cohort.institutionId, cohort.level);
    // The whole cohort from a few grouped queries (the hours dashboard's read model, built on the
    // same positionFrom rules as levelPosition); issuing re-checks each trainee with levelPosition.
    const rows = cohortPositions(db, catalog, cohort).map(({ trainee, position }) =>
      adminProofRow(
        { id: trainee.id, name: trainee.name },
        position,
        certs.filter((x) => x.traineeId === trainee.id),
      ),
    );
    return c.html(
      <AdminProofPage
        ctx={viewContext(c)}
        cohort={cohort}
        institutionCode={findInstitution(db, cohort.institutionId)?.code ?? ''}
        rows={rows}
        ready={rows.filter((r) => r.position.hours.complete).length}
        classHourMinutes={catalog.programme.hoursRules.classHourMinutes}
      />,
    );
  });

  app.post(`${base}/trainees/:traineeId/issue`, ...guard, (c) => {
    const result = issueCertificate(proofEnv(c), c.var.cohort, Number(c.req.param('traineeId')), c.var.user!.id);
    if (result.ok) {
      setFlash(c, 'ok', 'proof.flash.issued', { serial: result.certificate.serial });
    } else if (result.error === 'notEnrolled') {
      throw new HTTPException(404);
    } else {
      setFlash(c, 'error', result.error === 'alreadyIssued' ? 'proof.flash.alreadyIssued' : 'proof.flash.requirements');
    }
    return backTo(c);
  });

  app.post(`${base}/certificates/:serial/revoke`, ...guard, async (c) => {
    const form = await c.req.parseBody();
    const result = revokeCertificate(proofEnv(c), serialParam(c), c.var.cohort.institutionId, c.var.user!.id, formText(form.reason));
    if (!result.ok && result.error === 'notFound') throw new HTTPException(404);
    if (result.ok) setFlash(c, 'ok', 'proof.flash.revoked', { serial: result.certificate.serial });
    else setFlash(c, 'error', CHANGE_ERRORS[result.error]);
    return backTo(c);
  });

  app.post(`${base}/certificates/:serial/reissue`, ...guard, async (c) => {
    const form = await c.req.parseBody();
    const serial = serialParam(c);
    const result = reissueCertificate(proofEnv(c), serial, c.var.cohort.institutionId, c.var.user!.id, formText(form.reason));
    if (!result.ok && result.error === 'notFound') throw new HTTPException(404);
    if (result.ok) setFlash(c, 'ok', 'proof.flash.reissued', { serial: result.certificate.serial, old: serial });
    else setFlash(c, 'error', CHANGE_ERRORS[result.error]);
    return backTo(c);
  });

  app.get(`${base}/trainees/:traineeId/interim`, ...guard, async (c) => {
    const traineeId = Number(c.req.param('traineeId'));
    if (!listRoster(c.var.deps.db, c.var.cohort.id).some((r) => r.id === traineeId)) throw new HTTPException(404);
    return interimResponse(c, c.var.cohort, traineeId, localeParam(c));
  });

  app.get(`${base}/export`, ...guard, (c) => {
    const { db, catalog } = c.var.deps;
    const cohort = c.var.cohort;
    const kind = c.req.query('kind') as ExportKind;
    const format = c.req.query('format') as Format;
    const range = parseRange(c.req.query('from'), c.req.query('to'));
    if (!EXPORT_KINDS.includes(kind) || !EXPORT_FORMATS.includes(format) || !range) {
      setFlash(c, 'error', 'proof.flash.badExport');
      return backTo(c);
    }
    const institution = findInstitution(db, cohort.institutionId)!;
    const file = exportFile({
      db,
      cohort,
      institution,
      kind,
      format,
      range,
      classHourMinutes: catalog.programme.hoursRules.classHourMinutes,
      t: c.var.t,
      timeZone: c.var.deps.config.timeZone,
    });
    c.header('Content-Type', file.contentType);
    c.header('Content-Disposition', `attachment; filename="${file.filename}"`);
    return c.body(Readable.toWeb(file.stream) as ReadableStream);
  });

  return app;
}
