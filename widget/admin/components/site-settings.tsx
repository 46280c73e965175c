import { useRef } from 'preact/hooks';
import type { AdminSite, SiteSettingsView } from '../../../shared/api.ts';
import { fill } from '../../../shared/i18n/fill.ts';
import { errorText } from '../../ui/error-text.ts';
import { dateText, useLocale } from '../i18n.ts';
import type { DraftField, FieldProblem, SettingsStore } from '../state/settings.ts';
import { SiteSelect } from './site-select.tsx';

const FIELDS: {
  field: DraftField;
  type: 'text' | 'number';
  hint?: 'countryHint' | 'smsCountriesHint' | 'closeAfterDaysHint';
}[] = [
  { field: 'name', type: 'text' },
  { field: 'complaintThreshold', type: 'number' },
  { field: 'commentMaxLength', type: 'number' },
  { field: 'closeAfterDays', type: 'number', hint: 'closeAfterDaysHint' },
  { field: 'defaultCountry', type: 'text', hint: 'countryHint' },
  { field: 'smsCountries', type: 'text', hint: 'smsCountriesHint' },
  { field: 'smsDailyBudget', type: 'number' },
];

/** The site's settings, saved together; the webhook as the operator set it, and how it fares. */
export function SiteSettings({ store, sites }: { store: SettingsStore; sites: AdminSite[] }) {
  const { t, a } = useLocale();
  const form = useRef<HTMLFormElement>(null);
  const view = store.view.value;
  const draft = store.draft.value;
  const problems = store.problems.value;

  const problemText = (problem: FieldProblem) =>
    problem.kind === 'wholeNumber' || problem.kind === 'daysOrEmpty'
      ? fill(a.settings[problem.kind], { min: String(problem.min), max: String(problem.max) })
      : a.settings[problem.kind];

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!(await store.save())) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  };

  return (
    <>
      <section class="filters" aria-label={a.filters.label}>
        <SiteSelect
          id="pikir-admin-settings-site"
          sites={sites}
          value={store.site.value}
          onChange={(site) => void store.chooseSite(site)}
        />
      </section>
      {store.loadError.value ? (
        <div class="card form" role="alert">
          <p class="error">{a.settings.loadFailed}</p>
          <button type="button" class="button secondary" onClick={() => void store.load()}>
            {a.retry}
          </button>
        </div>
      ) : !view || !draft ? (
        <p class="page-status" role="status">
          {a.loading}
        </p>
      ) : (
        <>
          <form class="card form settings" ref={form} noValidate onSubmit={(e) => void submit(e)}>
            {FIELDS.map(({ field, type, hint }) => {
              const id = `pikir-admin-setting-${field}`;
              const problem = problems[field];
              const described = [hint && `${id}-hint`, problem && `${id}-error`].filter(Boolean).join(' ');
              return (
                <div class="field" key={field}>
                  <label for={id}>{a.settings[field]}</label>
                  <input
                    id={id}
                    type="text"
                    inputMode={type === 'number' ? 'numeric' : undefined}
                    autoComplete="off"
                    value={draft[field]}
                    onInput={(e) => store.edit(field, e.currentTarget.value)}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={described || undefined}
                  />
                  {hint && (
                    <p id={`${id}-hint`} class="muted small">
                      {a.settings[hint]}
                    </p>
                  )}
                  {problem && (
                    <p id={`${id}-error`} class="error">
                      {problemText(problem)}
                    </p>
                  )}
                </div>
              );
            })}
            <div class="field">
              <label>
                <input
                  type="checkbox"
                  checked={draft.dislikes}
                  onChange={(e) => store.edit('dislikes', e.currentTarget.checked)}
                />{' '}
                {a.settings.dislikes}
              </label>
            </div>
            {store.saveError.value && (
              <p class="error" role="alert">
                {errorText(t, store.saveError.value)}
              </p>
            )}
            <p class="done" role="status">
              {store.saved.value ? a.settings.saved : ''}
            </p>
            <button type="submit" class="button" disabled={store.saving.value}>
              {store.saving.value ? a.busy : a.settings.save}
            </button>
          </form>
          <WebhookStatus webhook={view.webhook} />
        </>
      )}
    </>
  );
}

function WebhookStatus({ webhook }: { webhook: SiteSettingsView['webhook'] }) {
  const { a, lang } = useLocale();
  return (
    <section class="card form" aria-labelledby="pikir-admin-webhook">
      <h2 id="pikir-admin-webhook">{a.settings.webhook}</h2>
      <p>
        {webhook.origin ? fill(a.settings.webhookTo, { origin: webhook.origin }) : a.settings.webhookNone}
      </p>
      <p class="muted">{a.settings.webhookOperator}</p>
      {webhook.pending > 0 && (
        <p>
          {fill(a.settings.webhookPending, {
            n: String(webhook.pending),
            failing: String(webhook.failing),
          })}
        </p>
      )}
      {webhook.failed.length > 0 && (
        <>
          <h3>{a.settings.webhookFailed}</h3>
          <ul>
            {webhook.failed.map((failure) => (
              <li key={failure.id}>
                {fill(a.settings.webhookFailure, {
                  event: a.settings.webhookEvents[failure.event],
                  date: dateText(failure.failedAt, lang),
                  error: failure.lastError ?? '',
                  attempts: String(failure.attempts),
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
