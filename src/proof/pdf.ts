import type { Locale, Translate } from '../i18n/index.js';
import { translator } from '../i18n/index.js';
import { courseLines, examRow, modeHours, type CertificateFacts } from './facts.js';
import { A4, ACCENT, INK, MUTED, factRows, finish, frame, heading, hoursText, longDate, newDocument, qrCode, stamp, type Doc } from './pdf-base.js';

// The training certificate (系统培训证明) as a one-page A4 PDF, drawn only from the signed facts:
// re-downloading it later gives the same certificate. Chinese by default, English on request.

export type CertificateStatus = { status: 'valid' | 'revoked' | 'superseded'; supersededBy?: string | null };

const pick = (locale: Locale, b: { zh: string; en: string }) => (locale === 'en' ? b.en : b.zh);

export function verifyUrl(facts: Pick<CertificateFacts, 'issuer' | 'serial'>): string {
  // Serials are ASCII, so the QR payload is plain ASCII (scanners guess Shift-JIS for raw Chinese).
  return `${facts.issuer.url}/verify/${encodeURIComponent(facts.serial)}`;
}

const LEFT = 62;
const WIDTH = A4.width - LEFT * 2;
const QR_SIZE = 92;
/** Where the foot (issue date, QR code) begins when the body leaves room for it. */
const FOOT_TOP = A4.height - 58 - QR_SIZE - 40;

type Ctx = { doc: Doc; t: Translate; locale: Locale; facts: CertificateFacts; k: number; h: (minutes: number) => string; n: (hours: number) => string };

/** The body from the header to the mock exam; returns the y where it ends. Sizes scale by k. */
function drawBody({ doc, t, locale, facts, k, h, n }: Ctx): number {
  const issuer = pick(locale, facts.issuer.name);
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(`${issuer} · ${t('app.tagline')}`, LEFT, 46, { width: WIDTH * 0.62 });
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text(t('proof.pdf.serial'), LEFT + WIDTH * 0.62, 46, { width: WIDTH * 0.38, align: 'right' });
  doc
    .font('bold')
    .fontSize(11)
    .fillColor(INK)
    .text(facts.serial, LEFT + WIDTH * 0.62, 58, { width: WIDTH * 0.38, align: 'right' });
  doc
    .font('bold')
    .fontSize(30)
    .fillColor(ACCENT)
    .text(t('proof.pdf.title'), LEFT, 92, { width: WIDTH, align: 'center', characterSpacing: locale === 'en' ? 1 : 8 });
  doc.font('regular').fontSize(10).fillColor(MUTED).text(t('proof.pdf.subtitle'), LEFT, 134, { width: WIDTH, align: 'center', characterSpacing: 3 });

  const statement = t('proof.pdf.statement', {
    name: facts.trainee.name,
    from: longDate(locale, facts.period.from),
    to: longDate(locale, facts.period.to),
    institution: facts.institution.name,
    level: pick(locale, facts.level.name),
    hours: h(facts.hours.totalMinutes),
  });
  // English runs longer than Chinese, so it is set a little smaller and tighter.
  doc
    .font('regular')
    .fontSize((locale === 'en' ? 12 : 13) * k)
    .fillColor(INK)
    .text(statement, LEFT, 170, { width: WIDTH, lineGap: (locale === 'en' ? 4 : 7) * k });
  let y = doc.y + 14 * k;

  y = heading(doc, t('proof.pdf.details'), LEFT, y, WIDTH);
  y = factRows(
    doc,
    [
      [t('proof.pdf.name'), facts.trainee.name],
      [t('proof.pdf.idNumber'), facts.trainee.idNumber ?? t('proof.none')],
      [t('proof.pdf.institution'), `${facts.institution.name}（${facts.institution.code}）`],
      [t('proof.pdf.level'), pick(locale, facts.level.name)],
      [t('proof.pdf.cohort'), facts.cohort?.name ?? t('proof.none')],
      [t('proof.pdf.period'), `${longDate(locale, facts.period.from)} – ${longDate(locale, facts.period.to)}`],
    ],
    LEFT,
    y,
    110,
    WIDTH - 110,
    11 * k,
  );

  // Hours by mode as a row of figures, the total in the accent colour; apportioned so the printed
  // figures add up to the printed total.
  y = heading(doc, t('proof.pdf.hoursTitle'), LEFT, y + 4 * k, WIDTH);
  const byMode = modeHours(facts.hours);
  const cells: [string, number][] = [
    [t('proof.mode.faceToFace'), byMode.faceToFace],
    [t('proof.mode.remote'), byMode.remote],
    [t('proof.mode.selfStudy'), byMode.selfStudy],
  ];
  if (facts.hours.creditedMinutes > 0) cells.push([t('proof.pdf.credited'), byMode.credited]);
  cells.push([t('proof.pdf.total'), byMode.total]);
  const col = WIDTH / cells.length;
  cells.forEach(([label, hours], i) => {
    const last = i === cells.length - 1;
    const value = t('proof.hoursUnit', { hours: n(hours) });
    // Label and figure are shrunk to fit their column on one line (five columns of English are tight).
    doc.font('regular').fontSize(9);
    const labelSize = Math.min(9 * k, (9 * (col - 8)) / doc.widthOfString(label));
    doc
      .fontSize(labelSize)
      .fillColor(MUTED)
      .text(label, LEFT + i * col, y, { width: col - 4, align: 'center', lineBreak: false });
    doc.font(last ? 'bold' : 'regular').fontSize(15);
    const size = Math.min(15 * k, (15 * (col - 8)) / doc.widthOfString(value));
    doc
      .fontSize(size)
      .fillColor(last ? ACCENT : INK)
      .text(value, LEFT + i * col, y + 15 * k, { width: col - 4, align: 'center', lineBreak: false });
  });
  y += 40 * k;
  const rule = t('proof.pdf.requirement', {
    required: h(facts.hours.requiredMinutes),
    minimum: h(facts.hours.minimumTrainingMinutes),
    minutes: facts.hours.classHourMinutes,
  });
  doc
    .font('regular')
    .fontSize(8.5 * k)
    .fillColor(MUTED)
    .text(rule, LEFT, y, { width: WIDTH });
  y = doc.y + 12 * k;

  // Courses, then the assistant-level credit and "other / corrections" when not zero, so every
  // hour of the total sits on a line: one column, or two when the level has many.
  y = heading(doc, t('proof.pdf.courses'), LEFT, y, WIDTH);
  const { lines } = courseLines(facts);
  const columns = lines.length > 5 ? 2 : 1;
  const gap = 16;
  const cw = (WIDTH - gap * (columns - 1)) / columns;
  const perColumn = Math.ceil(lines.length / columns);
  let bottom = y;
  for (let c = 0; c < columns; c++) {
    let cy = y;
    const x = LEFT + c * (cw + gap);
    for (const course of lines.slice(c * perColumn, (c + 1) * perColumn)) {
      const title = course.title ? pick(locale, course.title) : course.key === 'credited' ? t('proof.pdf.credited') : t('proof.pdf.other');
      const hoursW = locale === 'en' ? 40 : 52;
      doc.font('regular').fontSize(10 * k);
      const rowHeight = Math.max(13 * k, doc.heightOfString(title, { width: cw - 56 - hoursW }));
      doc
        .fontSize(8.5 * k)
        .fillColor(MUTED)
        .text(course.code, x, cy + 1, { width: 56 });
      doc
        .fontSize(10 * k)
        .fillColor(INK)
        .text(title, x + 56, cy, { width: cw - 56 - hoursW });
      doc.text(t('proof.pdf.courseHours', { hours: n(course.hours) }), x + cw - hoursW, cy, { width: hoursW, align: 'right' });
      cy += rowHeight + 4 * k;
    }
    bottom = Math.max(bottom, cy);
  }
  y = bottom + 6 * k;

  const exam = examRow(t, facts, (p) => n(p));
  return factRows(
    doc,
    [[t('proof.pdf.sessions'), t('proof.pdf.sessionsValue', { attended: facts.sessions.attended, held: facts.sessions.held })], ...(exam ? [exam] : [])],
    LEFT,
    y,
    170,
    WIDTH - 170,
    10.5 * k,
  );
}

/** Issue date and issuer on the left, the QR code to the verification page on the right. */
function drawFoot({ doc, t, locale, facts }: Ctx): void {
  const issuer = pick(locale, facts.issuer.name);
  const url = verifyUrl(facts);
  factRows(
    doc,
    [
      [t('proof.pdf.issueDate'), longDate(locale, facts.issueDate)],
      [t('proof.pdf.issuedBy'), `${facts.institution.name} · ${issuer}`],
      ...(facts.supersedes ? ([[t('proof.pdf.replaces'), facts.supersedes]] as [string, string][]) : []),
    ],
    LEFT,
    FOOT_TOP + 10,
    80,
    WIDTH - QR_SIZE - 100,
    10.5,
  );
  qrCode(doc, url, LEFT + WIDTH - QR_SIZE, FOOT_TOP, QR_SIZE);
  doc
    .font('regular')
    .fontSize(8)
    .fillColor(MUTED)
    .text(t('proof.pdf.scan'), LEFT + WIDTH - QR_SIZE - 20, FOOT_TOP + QR_SIZE + 2, { width: QR_SIZE + 20, align: 'right' });
  doc
    .font('regular')
    .fontSize(7.5)
    .fillColor(MUTED)
    .text(t('proof.pdf.footer', { url }), LEFT, A4.height - 70, { width: WIDTH, align: 'center', lineGap: 2, height: 24 });
}

export async function certificatePdf(facts: CertificateFacts, locale: Locale, state: CertificateStatus = { status: 'valid' }): Promise<Buffer> {
  const t = translator(locale);
  const h = (minutes: number) => hoursText(locale, minutes, facts.hours.classHourMinutes);
  const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const n = (hours: number) => oneDecimal.format(hours);
  // Most certificates fit at full size; a long one (many courses, long English names) is drawn
  // again a little smaller until its body clears the foot, so it always stays one page.
  for (const k of [1, 0.9, 0.8, 0.7]) {
    const doc = await newDocument({
      title: `${t('proof.pdf.title')} ${facts.serial}`,
      subject: `${facts.trainee.name} · ${pick(locale, facts.level.name)}`,
      author: pick(locale, facts.issuer.name),
      createdAt: new Date(facts.issuedAt),
      locale,
    });
    const ctx: Ctx = { doc, t, locale, facts, k, h, n };
    frame(doc);
    if (drawBody(ctx) > FOOT_TOP - 4 && k > 0.7) continue;
    drawFoot(ctx);
    if (state.status !== 'valid') {
      const label = state.status === 'revoked' ? t('proof.pdf.stampRevoked') : t('proof.pdf.stampSuperseded', { serial: state.supersededBy ?? '' });
      stamp(doc, label, '#b3261e', 0.28, A4.height / 2, 60);
    }
    return finish(doc);
  }
  throw new Error('unreachable: the smallest scale always draws');
}
