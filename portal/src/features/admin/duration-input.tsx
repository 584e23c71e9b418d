import { type DurationParts, isoOf, partsOf } from './duration-parts.js';
import { useAdminI18n } from './i18n.js';

/** Three labelled number boxes in a fieldset named after the duration; the error sits below them. */
export const DurationInput = ({
  id,
  label,
  value,
  error,
  readOnly,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  error?: string;
  readOnly: boolean;
  onChange: (value: string) => void;
}) => {
  const { a } = useAdminI18n();
  const parts = partsOf(value);
  const errorId = `${id}-error`;
  const box = (unit: keyof DurationParts) => (
    <label class="duration-part">
      <input
        type="number"
        inputMode="numeric"
        min={0}
        step={1}
        value={parts[unit]}
        readOnly={readOnly}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onInput={(event) => onChange(isoOf({ ...parts, [unit]: event.currentTarget.value }))}
      />{' '}
      {a(`sla.${unit}`)}
    </label>
  );
  return (
    <fieldset class={error ? 'duration field-invalid' : 'duration'} id={id}>
      <legend>{label}</legend>
      {box('days')}
      {box('hours')}
      {box('minutes')}
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
};
