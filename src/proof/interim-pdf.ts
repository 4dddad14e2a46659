import { translator, type Locale } from '../i18n/index.js';
import { STUDY_MODES, missingReasons, type LevelPosition } from '../hours/index.js';
import { A4, INK, MUTED, factRows, finish, frame, heading, hoursText, longDate, newDocument, stamp } from './pdf-base.js';
import { missingText } from './missing-reason-text.js';

// The interim statement: what a trainee has done so far, for anyone who asks before the
// requirements are met. It must never pass for a certificate: no serial, no signature, no QR
// code, a grey frame, "不是培训证明 / NOT A CERTIFICATE" in the title and across the page.

export type InterimInput = {
  traineeName: string;
  idNumber: string | null;
  institution: string;
  cohort: string;
  position: LevelPosition;
  classHourMinutes: number;
  /** Today on the Shanghai calendar. */
  date: string;
  generatedAt: Date;
};

export async function interimPdf(input: InterimInput, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const { position } = input;
  const levelName = locale === 'en' ? position.level.name.en : position.level.name.zh;
  const h = (minutes: number) => t('proof.hoursUnit', { hours: hoursText(locale, minutes, input.classHourMinutes) });
  const doc = await newDocument({
    title: `${t('proof.interim.title')} (${t('proof.interim.notCertificate')})`,
    subject: `${input.traineeName} · ${levelName}`,
    author: t('app.name'),
    createdAt: input.generatedAt,
    locale,
  });
  const left = 62;
  const width = A4.width - left * 2;
  frame(doc, '#8a8f96');
  // Across the page, behind the text, three times so no cropped copy loses it.
  for (const y of [220, 440, 660]) stamp(doc, t('proof.interim.watermark'), '#b3261e', 0.1, y, 30);

  doc.font('bold').fontSize(24).fillColor(INK).text(t('proof.interim.title'), left, 70, { width, align: 'center' });
  doc.font('bold').fontSize(16).fillColor('#b3261e').text(t('proof.interim.notCertificate'), left, 108, { width, align: 'center' });
  doc.font('regular').fontSize(10).fillColor(MUTED).text(t('proof.interim.notice'), left, 136, { width, align: 'center' });

  doc
    .font('regular')
    .fontSize(12)
    .fillColor(INK)
    .text(
      t('proof.interim.intro', { date: longDate(locale, input.date), name: input.traineeName, institution: input.institution, level: levelName }),
      left,
      176,
      { width, lineGap: 5 },
    );
  let y = heading(doc, t('proof.pdf.details'), left, doc.y + 14, width);
  y = factRows(
    doc,
    [
      [t('proof.pdf.name'), input.traineeName],
      [t('proof.pdf.idNumber'), input.idNumber ?? t('proof.none')],
      [t('proof.pdf.institution'), input.institution],
      [t('proof.pdf.level'), levelName],
      [t('proof.pdf.cohort'), input.cohort],
    ],
    left,
    y,
    110,
    width - 110,
  );

  const hp = position.hours;
  y = heading(doc, t('proof.interim.hoursSoFar'), left, y + 4, width);
  const rows: [string, string][] = STUDY_MODES.map((mode) => {
    const m = hp.byMode[mode];
    const min = m.minimumMinutes === null ? '' : ` ${t('proof.interim.modeMinimum', { hours: h(m.minimumMinutes) })}`;
    return [t(`proof.mode.${mode}`), `${h(m.earnedMinutes)}${min}`];
  });
  if (hp.creditedMinutes > 0) rows.push([t('proof.pdf.credited'), h(hp.creditedMinutes)]);
  rows.push([t('proof.pdf.total'), h(hp.earnedMinutes)]);
  rows.push([t('proof.interim.required'), t('proof.interim.requiredValue', { level: h(hp.requiredMinutes), minimum: h(hp.minimumTrainingMinutes) })]);
  y = factRows(doc, rows, left, y, 150, width - 150);

  y = heading(doc, t('proof.interim.status'), left, y + 4, width);
  const lines = hp.complete
    ? [t('proof.interim.complete')]
    : missingReasons(hp).map((m) => missingText(t, m, (n) => hoursText(locale, n, input.classHourMinutes)));
  doc.font('regular').fontSize(11).fillColor(INK);
  for (const line of lines) {
    doc.text(`• ${line}`, left, y, { width });
    y = doc.y + 4;
  }

  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(t('proof.interim.footer', { date: longDate(locale, input.date) }), left, A4.height - 82, { width, align: 'center', lineGap: 2 });
  return finish(doc);
}
