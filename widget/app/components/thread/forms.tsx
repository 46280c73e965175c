/**
 * The on-click forms (on-click.ts) as the interactive widget sees them: fetched with it when the
 * thread comes into view (interactive.tsx prefetch), so that a click finds them ready; loaded at
 * once when a form is wanted earlier. Until the chunk is there, the comment form is a plain field that keeps what is typed
 * into it and hands it, with the focus, to the real form.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiFailure } from '../../../../shared/client.ts';
import { completeLocale, type Locale } from '../../i18n.ts';
import { useLocale } from '../locale-context.ts';

type Forms = typeof import('./on-click.ts');
type ComposerProps = Parameters<Forms['Composer']>[0];

let forms: Forms | undefined;
let loading: Promise<Forms> | undefined;

/**
 * Starts (or joins) the chunk's download, and that of the locale's texts only a click leads to;
 * a failed one is tried again on the next call.
 */
export function loadForms(locale?: Locale): Promise<Forms> {
  loading ??= import('./on-click.ts').then(
    (module) => (forms = module),
    () => {
      loading = undefined;
      // The chunk did not come: a button that needed it says so as a failed request would.
      throw new ApiFailure('network');
    },
  );
  return locale ? Promise.all([loading, completeLocale(locale)]).then(([module]) => module) : loading;
}

function useForms() {
  const locale = useLocale();
  const [, loaded] = useState(0);
  const [failed, setFailed] = useState(false);
  const ready = forms && locale.t.report ? forms : undefined;
  const load = () => {
    setFailed(false);
    loadForms(locale).then(
      () => loaded((n) => n + 1),
      () => setFailed(true),
    );
  };
  useEffect(() => {
    if (!ready) load();
  }, []);
  return { forms: ready, failed, load };
}

/** A form opened by a click (reply, edit, report): rendered as soon as the chunk is there. */
export function WithForms({ children }: { children: (forms: Forms) => ComponentChildren }) {
  const { forms, failed, load } = useForms();
  if (forms) return <>{children(forms)}</>;
  return failed ? <LoadFailed retry={load} /> : <div class="loading" aria-busy="true" />;
}

/** The comment form under the header, there from the first paint for a signed-in reader. */
export function LazyComposer(props: ComposerProps) {
  const { t } = useLocale();
  const { forms, failed, load } = useForms();
  // Null until the reader focuses the stand-in field.
  const [typed, setTyped] = useState<string | null>(null);
  if (forms) {
    const { Composer } = forms;
    return (
      <Composer {...props} initial={typed ?? props.initial} autoFocus={props.autoFocus || typed !== null} />
    );
  }
  return (
    <div class="composer">
      <textarea
        rows={3}
        aria-label={t.comments.label}
        placeholder={t.comments.label}
        value={typed ?? ''}
        onFocus={() => setTyped((text) => text ?? '')}
        onInput={(event) => setTyped(event.currentTarget.value)}
      />
      {failed && <LoadFailed retry={load} />}
    </div>
  );
}

/** A chunk that did not come (here and in the account area), with the way to ask for it again. */
export function LoadFailed({ retry }: { retry: () => void }) {
  const { t } = useLocale();
  return (
    <div class="notice" role="alert">
      <p>{t.errors.network}</p>
      <button type="button" class="button secondary" onClick={retry}>
        {t.thread.retry}
      </button>
    </div>
  );
}
