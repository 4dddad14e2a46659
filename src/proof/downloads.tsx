import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env.js';
import { requireRole } from '../auth/index.js';
import { viewContext } from '../http/view-context.js';
import type { Locale } from '../i18n/index.js';
import {
  findInstitution,
  findInstitutionByCode,
  listInstitutions,
  listUserEnrolments,
  maskNationalId,
  traineeIdentity,
  type Cohort,
} from '../institutions/index.js';
import { MyProofPage } from '../../views/proof/me.js';
import { OfficeBundlePage } from '../../views/proof/office.js';
import { bundleFile } from './bundle.js';
import { factsOf } from './certificates.js';
import { calendarDay, parseRange } from '../platform/zoned-time.js';
import { proofSigner } from './deps.js';
import { proofFileText } from './envelope.js';
import { requirementPosition } from './facts.js';
import { certificateStanding } from './standing.js';
import { interimPdf } from './interim-pdf.js';
import { certificatePdf } from './pdf.js';
import { parseSerial } from './serial.js';
import * as store from './store.js';

// Files people download: a certificate as PDF or signed JSON (its trainee, or an admin of the
// institution that issued it; anyone else gets 404), interim statements, the trainee's own proof
// page, and the programme office's signed bundle.

/** Certificates and statements are Chinese unless English is asked for (?lang=en). */
export function localeParam(c: Context): Locale {
  return c.req.query('lang') === 'en' ? 'en' : 'zh-CN';
}

function pdfResponse(c: Context, bytes: Buffer, filename: string) {
  c.header('Content-Type', 'application/pdf');
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  return c.body(new Uint8Array(bytes));
}

export async function interimResponse(c: Context<AppEnv>, cohort: Cohort, traineeId: number, locale: Locale) {
  const { db, catalog } = c.var.deps;
  const person = traineeIdentity(db, traineeId);
  if (!person) throw new HTTPException(404);
  const now = Date.now();
  const pdf = await interimPdf(
    {
      traineeName: person.name,
      idNumber: person.nationalId ? maskNationalId(person.nationalId) : person.employeeNo ? maskNationalId(person.employeeNo) : null,
      institution: findInstitution(db, cohort.institutionId)?.name ?? '',
      cohort: cohort.name,
      position: requirementPosition(db, catalog, traineeId, cohort.level),
      classHourMinutes: catalog.programme.hoursRules.classHourMinutes,
      date: calendarDay(now, c.var.deps.config.timeZone),
      generatedAt: new Date(now),
    },
    locale,
  );
  return pdfResponse(c, pdf, `interim-${cohort.level}-${traineeId}-${locale}.pdf`);
}

/** The certificate named in the path, if this user may have it; otherwise 404 (never 403). */
function ownCertificate(c: Context<AppEnv>): store.Certificate {
  const user = c.var.user!;
  const parsed = parseSerial(c.req.param('serial') ?? '');
  const cert = parsed.ok ? store.findCertificate(c.var.deps.db, parsed.serial) : undefined;
  const mine = cert && (user.role === 'trainee' ? cert.traineeId === user.id : user.role === 'admin' && user.institutionId === cert.institutionId);
  if (!cert || !mine) throw new HTTPException(404);
  return cert;
}

export function downloadRoutes() {
  const app = new Hono<AppEnv>();
  const people = requireRole('trainee', 'admin');

  app.get('/proof/certificates/:serial/pdf', people, async (c) => {
    const cert = ownCertificate(c);
    const locale = localeParam(c);
    const pdf = await certificatePdf(factsOf(cert), locale, { status: cert.status, supersededBy: cert.supersededBy });
    return pdfResponse(c, pdf, `${cert.serial}${locale === 'en' ? '-en' : ''}.pdf`);
  });

  app.get('/proof/certificates/:serial/json', people, (c) => {
    const cert = ownCertificate(c);
    c.header('Content-Type', 'application/json; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${cert.serial}.json"`);
    return c.body(proofFileText({ factsText: cert.facts, signature: cert.signature, keyId: cert.keyId }));
  });

  app.get('/me/certificates', requireRole('trainee'), (c) => {
    const { db, catalog } = c.var.deps;
    const user = c.var.user!;
    const mine = store.traineeCertificates(db, user.id);
    const rows = listUserEnrolments(db, user.id).map(({ cohort, institutionName }) => ({
      cohort,
      institutionName,
      position: catalog.level(cohort.level) ? requirementPosition(db, catalog, user.id, cohort.level) : null,
      ...certificateStanding(mine.filter((x) => x.level === cohort.level && x.institutionId === cohort.institutionId)),
    }));
    return c.html(<MyProofPage ctx={viewContext(c)} rows={rows} classHourMinutes={catalog.programme.hoursRules.classHourMinutes} />);
  });

  app.get('/me/certificates/interim/:cohortId', requireRole('trainee'), (c) => {
    const cohortId = Number(c.req.param('cohortId'));
    const enrolment = listUserEnrolments(c.var.deps.db, c.var.user!.id).find((e) => e.cohort.id === cohortId);
    if (!enrolment) throw new HTTPException(404);
    return interimResponse(c, enrolment.cohort, c.var.user!.id, localeParam(c));
  });

  app.get('/office/proof', requireRole('office'), (c) => {
    const today = calendarDay(Date.now(), c.var.deps.config.timeZone);
    return c.html(<OfficeBundlePage ctx={viewContext(c)} institutions={listInstitutions(c.var.deps.db)} from={`${today.slice(0, 4)}-01-01`} to={today} />);
  });

  // The office may ask for any institution; an admin only for their own (others: 404).
  app.get('/proof/bundle', requireRole('office', 'admin'), (c) => {
    const { db, config } = c.var.deps;
    const user = c.var.user!;
    const institution = findInstitutionByCode(db, c.req.query('institution') ?? '');
    if (!institution || (user.role === 'admin' && user.institutionId !== institution.id)) throw new HTTPException(404);
    const range = parseRange(c.req.query('from'), c.req.query('to'));
    if (!range) throw new HTTPException(400, { message: c.var.t('proof.flash.badExport') });
    const text = bundleFile({ db, signer: proofSigner(c.var.deps), publicUrl: config.publicUrl, institution, range, timeZone: config.timeZone });
    c.header('Content-Type', 'application/json; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="bundle-${institution.code}-${range.from}-${range.to}.json"`);
    return c.body(text);
  });

  return app;
}
