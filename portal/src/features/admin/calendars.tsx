import { useState } from 'preact/hooks';
import type { SlaCalendar } from '../../api/types.js';
import { describedBy, ErrorMessage, Field, Loading } from '../../components/ui.js';
import { useApp } from '../../context.js';
import { useLoad } from '../../lib/load.js';
import { useAdminI18n } from './i18n.js';
import { timeZones, useSave } from './save.js';

type Week = NonNullable<SlaCalendar['weeklyHours']>;
type Day = keyof Week;
const days: readonly Day[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const officeHours = (): Week => ({
  monday: [{ from: '08:00', to: '17:00' }],
  tuesday: [{ from: '08:00', to: '17:00' }],
  wednesday: [{ from: '08:00', to: '17:00' }],
  thursday: [{ from: '08:00', to: '17:00' }],
  friday: [{ from: '08:00', to: '17:00' }],
  saturday: [],
  sunday: [],
});

const blank = (): SlaCalendar => ({
  id: '',
  name: '',
  timeZone: 'UTC',
  weeklyHours: officeHours(),
  holidays: [],
});

/** The messages of one shift's fields (`weeklyHours.monday.1.from`) and of the day itself. */
const shiftError = (errors: Record<string, string>, day: Day, index: number) =>
  [errors[`weeklyHours.${day}.${index}.from`], errors[`weeklyHours.${day}.${index}.to`]]
    .filter(Boolean)
    .join(' ') || undefined;

const CalendarForm = ({
  calendar,
  version,
  isNew,
  reload,
  onSaved,
}: {
  calendar: SlaCalendar;
  /** The version read (0: not stored yet, or stored by the seed without one). */
  version: number;
  isNew: boolean;
  reload: () => Promise<void>;
  onSaved: (id: string) => void;
}) => {
  const { api } = useApp();
  const { a } = useAdminI18n();
  const [draft, setDraft] = useState<SlaCalendar>(calendar);
  const [holiday, setHoliday] = useState('');
  const { errors, busy, run } = useSave();
  const prefix = `calendar-${calendar.id || 'new'}`;
  const week = draft.weeklyHours;
  const setWeek = (next: Week | null) => setDraft({ ...draft, weeklyHours: next });
  const setDay = (day: Day, shifts: Week[Day]) => week && setWeek({ ...week, [day]: shifts });
  const submit = async (event: Event) => {
    event.preventDefault();
    const saved = await run(async () => {
      await api.putCalendar(draft, version);
      return a('calendars.saved', { name: draft.name });
    }, reload);
    if (saved) {
      onSaved(draft.id);
      await reload();
    }
  };
  return (
    <form class="admin-form" onSubmit={submit} aria-labelledby={`${prefix}-title`}>
      <h2 id={`${prefix}-title`}>{isNew ? a('calendars.new') : calendar.name}</h2>
      {isNew && (
        <Field id={`${prefix}-id`} label={a('common.id')} hint={a('common.idHint')}>
          <input
            {...describedBy(`${prefix}-id`, undefined, a('common.idHint'))}
            required
            value={draft.id}
            onInput={(event) => setDraft({ ...draft, id: event.currentTarget.value })}
          />
        </Field>
      )}
      <Field id={`${prefix}-name`} label={a('common.name')} error={errors.name}>
        <input
          {...describedBy(`${prefix}-name`, errors.name)}
          required
          value={draft.name}
          onInput={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
        />
      </Field>
      <Field id={`${prefix}-zone`} label={a('common.timeZone')} error={errors.timeZone}>
        <select
          {...describedBy(`${prefix}-zone`, errors.timeZone)}
          value={draft.timeZone}
          onChange={(event) => setDraft({ ...draft, timeZone: event.currentTarget.value })}
        >
          {timeZones(draft.timeZone).map((zone) => (
            <option key={zone} value={zone}>
              {zone}
            </option>
          ))}
        </select>
      </Field>
      <p>
        <label>
          <input
            type="checkbox"
            checked={week === null}
            onChange={(event) => setWeek(event.currentTarget.checked ? null : officeHours())}
          />{' '}
          {a('calendars.aroundTheClock')}
        </label>
      </p>
      {week && (
        <fieldset class="week-grid">
          <legend>{a('calendars.hours')}</legend>
          {errors.weeklyHours && <p class="field-error">{errors.weeklyHours}</p>}
          {days.map((day) => (
            <fieldset class="week-day" key={day}>
              <legend class="week-day-name">{a(`calendars.days.${day}`)}</legend>
              <div class="shifts">
                {week[day].length === 0 && <span class="muted">{a('calendars.closed')}</span>}
                {week[day].map((shift, index) => {
                  const error = shiftError(errors, day, index);
                  const errorId = `${prefix}-${day}-${index}-error`;
                  const label = { day: a(`calendars.days.${day}`), shift: index + 1 };
                  return (
                    <span class={error ? 'shift field-invalid' : 'shift'} key={index}>
                      <input
                        type="time"
                        aria-label={a('calendars.from', label)}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? errorId : undefined}
                        required
                        value={shift.from}
                        onInput={(event) => {
                          const from = event.currentTarget.value;
                          setDay(
                            day,
                            week[day].map((entry, at) => (at === index ? { ...entry, from } : entry)),
                          );
                        }}
                      />
                      <span aria-hidden="true">–</span>
                      <input
                        type="time"
                        aria-label={a('calendars.to', label)}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? errorId : undefined}
                        required
                        value={shift.to}
                        onInput={(event) => {
                          const to = event.currentTarget.value;
                          setDay(
                            day,
                            week[day].map((entry, at) => (at === index ? { ...entry, to } : entry)),
                          );
                        }}
                      />
                      <button
                        type="button"
                        class="link"
                        onClick={() =>
                          setDay(
                            day,
                            week[day].filter((_, at) => at !== index),
                          )
                        }
                      >
                        {a('calendars.removeShift', label)}
                      </button>
                      {error && (
                        <span class="field-error" id={errorId}>
                          {error}
                        </span>
                      )}
                    </span>
                  );
                })}
              </div>
              <button
                type="button"
                class="secondary"
                onClick={() => {
                  const last = week[day][week[day].length - 1];
                  setDay(day, [
                    ...week[day],
                    last ? { from: last.to, to: last.to } : { from: '08:00', to: '17:00' },
                  ]);
                }}
              >
                {a('calendars.addShift', { day: a(`calendars.days.${day}`) })}
              </button>
            </fieldset>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>{a('calendars.holidays')}</legend>
        {errors.holidays && <p class="field-error">{errors.holidays}</p>}
        <ul class="holidays">
          {draft.holidays.map((date, index) => (
            <li key={date}>
              <time dateTime={date}>{date}</time>{' '}
              <button
                type="button"
                class="link"
                onClick={() =>
                  setDraft({ ...draft, holidays: draft.holidays.filter((entry) => entry !== date) })
                }
              >
                {a('calendars.removeHoliday', { date })}
              </button>
              {errors[`holidays.${index}`] && <span class="field-error">{errors[`holidays.${index}`]}</span>}
            </li>
          ))}
        </ul>
        <label for={`${prefix}-holiday`}>{a('calendars.holiday')}</label>{' '}
        <input
          id={`${prefix}-holiday`}
          type="date"
          value={holiday}
          onInput={(event) => setHoliday(event.currentTarget.value)}
        />{' '}
        <button
          type="button"
          class="secondary"
          disabled={!holiday}
          onClick={() => {
            if (holiday && !draft.holidays.includes(holiday))
              setDraft({ ...draft, holidays: [...draft.holidays, holiday].sort() });
            setHoliday('');
          }}
        >
          {a('calendars.addHoliday')}
        </button>
      </fieldset>
      <button type="submit" disabled={busy}>
        {isNew ? a('calendars.create') : a('common.save')}
      </button>
    </form>
  );
};

/** SLA calendars: business hours per weekday (several shifts), holidays and the time zone; 24×7 is built in. */
export const CalendarsPage = () => {
  const { api } = useApp();
  const { a } = useAdminI18n();
  const [chosen, setChosen] = useState<string>('');
  const data = useLoad(async () => (await api.listCalendars()).data.items, [api]);
  const editable = (data.data ?? []).filter((calendar) => calendar.id !== '24x7');
  const current = editable.find((calendar) => calendar.id === chosen) ?? editable[0];
  const selected = chosen === 'new' ? null : current;
  return (
    <section>
      <h1>{a('pages.calendars')}</h1>
      {data.error !== undefined && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {!data.data && data.loading && <Loading />}
      {data.data && (
        <>
          <p>
            <label for="calendar-choice">{a('calendars.choose')}</label>{' '}
            <select
              id="calendar-choice"
              value={selected ? selected.id : 'new'}
              onChange={(event) => setChosen(event.currentTarget.value)}
            >
              {editable.map((calendar) => (
                <option key={calendar.id} value={calendar.id}>
                  {calendar.name}
                </option>
              ))}
              <option value="new">{a('calendars.new')}</option>
            </select>
          </p>
          {selected ? (
            <CalendarForm
              key={`${selected.id}-${selected.version}`}
              calendar={{
                id: selected.id,
                name: selected.name,
                timeZone: selected.timeZone,
                weeklyHours: selected.weeklyHours,
                holidays: selected.holidays,
              }}
              version={selected.version}
              isNew={false}
              reload={data.reload}
              onSaved={setChosen}
            />
          ) : (
            <CalendarForm
              key={`new-${editable.length}`}
              calendar={blank()}
              version={0}
              isNew
              reload={data.reload}
              onSaved={setChosen}
            />
          )}
        </>
      )}
    </section>
  );
};
