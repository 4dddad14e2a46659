import type { ViewContext } from '../../src/http/view-context.js';
import { EDUCATION_CHOICES, TRAINEE_FIELD_MAX, type TraineeInput } from '../../src/institutions/index.js';

/**
 * A trainee's fields, the same in the enrolment form (with the e-mail, which becomes the login)
 * and in the admin's profile edit (without it: the login is not edited there). Names, labels and
 * limits are those validateTrainee checks, so both forms give the same messages.
 */
export function TraineeFields(props: { ctx: ViewContext; values: Partial<TraineeInput>; withEmail: boolean }) {
  const { t } = props.ctx;
  const f = props.values;
  return (
    <>
      <label>
        {t('field.name')}
        <input name="name" value={f.name ?? ''} required maxlength={TRAINEE_FIELD_MAX.name} />
      </label>
      <label>
        {t('field.idNumber')}
        <input name="idNumber" value={f.idNumber ?? ''} required maxlength={TRAINEE_FIELD_MAX.idNumber} autocomplete="off" />
      </label>
      {props.withEmail && (
        <label>
          {t('field.email')}
          <input type="email" name="email" value={f.email ?? ''} required maxlength={TRAINEE_FIELD_MAX.email} />
        </label>
      )}
      <label>
        {t('field.phone')}
        <input type="tel" name="phone" value={f.phone ?? ''} maxlength={TRAINEE_FIELD_MAX.phone} inputmode="numeric" />
      </label>
      <label>
        {t('field.education')}
        <select name="education" required>
          {EDUCATION_CHOICES.map((e) => (
            <option value={e} selected={f.education === e}>
              {t(`education.${e}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('field.yearsInFinance')}
        <input type="number" name="yearsInFinance" min={0} max={60} value={f.yearsInFinance ?? '0'} />
      </label>
    </>
  );
}
