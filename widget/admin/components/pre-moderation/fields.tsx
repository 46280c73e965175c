import { fill } from '../../../../shared/i18n/fill.ts';
import { premodDictionaries } from '../../../../shared/i18n/premod/dictionaries.ts';
import { preModerationModes } from '../../../../shared/vocabulary.ts';
import { useLocale } from '../../i18n.ts';
import type { DraftField, FieldProblem, SettingsStore } from '../../state/settings.ts';

/** The settings page's pre-moderation mode, its N, and the banned and suspect word lists. */
export function PreModerationFields({
  store,
  problemText,
}: {
  store: SettingsStore;
  problemText: (problem: FieldProblem) => string;
}) {
  const { lang } = useLocale();
  const a = premodDictionaries[lang];
  const problemOf = (problem: FieldProblem) =>
    problem.kind === 'wordList'
      ? fill(a.settings.wordList, { max: String(problem.max), length: String(problem.length) })
      : problemText(problem);
  const draft = store.draft.value!;
  const problems = store.problems.value;
  const mode = 'pikir-admin-setting-preModeration';

  const field = (
    name: DraftField,
    hint: string | null,
    control: (describedBy?: string) => preact.JSX.Element,
  ) => {
    const id = `pikir-admin-setting-${name}`;
    const problem = problems[name];
    const described = [hint && `${id}-hint`, problem && `${id}-error`].filter(Boolean).join(' ');
    return (
      <div class="field" key={name}>
        <label for={id}>{a.settings[name as 'bannedWords' | 'preModerationMinApproved']}</label>
        {control(described || undefined)}
        {hint && (
          <p id={`${id}-hint`} class="muted small">
            {hint}
          </p>
        )}
        {problem && (
          <p id={`${id}-error`} class="error">
            {problemOf(problem)}
          </p>
        )}
      </div>
    );
  };

  const words = (name: 'bannedWords' | 'suspectWords', hint: string) =>
    field(name, hint, (describedBy) => (
      <textarea
        id={`pikir-admin-setting-${name}`}
        rows={5}
        spellcheck={false}
        value={draft[name]}
        onInput={(e) => store.edit(name, e.currentTarget.value)}
        aria-invalid={problems[name] ? true : undefined}
        aria-describedby={describedBy}
      />
    ));

  return (
    <>
      <div class="field">
        <label for={mode}>{a.settings.preModeration}</label>
        <select
          id={mode}
          value={draft.preModeration}
          onChange={(e) => store.edit('preModeration', e.currentTarget.value)}
        >
          {preModerationModes.map((m) => (
            <option key={m} value={m}>
              {a.settings.preModerationModes[m]}
            </option>
          ))}
        </select>
      </div>
      {draft.preModeration === 'few_approved' &&
        field('preModerationMinApproved', null, (describedBy) => (
          <input
            id="pikir-admin-setting-preModerationMinApproved"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            value={draft.preModerationMinApproved}
            onInput={(e) => store.edit('preModerationMinApproved', e.currentTarget.value)}
            aria-invalid={problems.preModerationMinApproved ? true : undefined}
            aria-describedby={describedBy}
          />
        ))}
      {words('bannedWords', a.settings.bannedWordsHint)}
      {words('suspectWords', a.settings.suspectWordsHint)}
    </>
  );
}
