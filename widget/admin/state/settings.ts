/**
 * The settings page of one site: what the server holds, a draft the admin edits, and saving only
 * what changed. The server checks every value again (shared/schemas.ts siteSettingsPatchSchema);
 * the checks here only spare a round trip and give each field its own message.
 */
import { signal } from '@preact/signals';
import type { SiteSettingsView } from '../../../shared/api.ts';
import { codeOf } from '../../../shared/client.ts';
import { COMMENT_MAX_LENGTH } from '../../../shared/limits.ts';
import type { AdminApi } from '../api.ts';

export type SettingsStore = ReturnType<typeof createSettingsStore>;

/** The editable fields, as typed. */
export interface SettingsDraft {
  name: string;
  defaultCountry: string;
  complaintThreshold: string;
  smsCountries: string;
  smsDailyBudget: string;
  commentMaxLength: string;
  /** Empty: threads never close by themselves. */
  closeAfterDays: string;
  /** "Не нравится" beside "Нравится": a checkbox. */
  dislikes: boolean;
}

/** The fields typed as text. */
export type DraftField = Exclude<keyof SettingsDraft, 'dislikes'>;

export type FieldProblem =
  | { kind: 'wholeNumber'; min: number; max: number }
  | { kind: 'daysOrEmpty'; min: number; max: number }
  | { kind: 'countryCode' }
  | { kind: 'nameMissing' };

export const NUMBER_RANGES = {
  complaintThreshold: [1, 100],
  smsDailyBudget: [0, 999_999_999],
  commentMaxLength: [1, COMMENT_MAX_LENGTH],
} as const;

/** The site's closeAfterDays: empty for never (shared/schemas.ts siteSettingsPatchSchema). */
const CLOSE_AFTER_DAYS = [1, 3650] as const;

type Patch = Partial<Omit<SiteSettingsView, 'site' | 'webhook'>>;

function draftOf(view: SiteSettingsView): SettingsDraft {
  return {
    name: view.name,
    defaultCountry: view.defaultCountry,
    complaintThreshold: String(view.complaintThreshold),
    smsCountries: view.smsCountries.join(', '),
    smsDailyBudget: String(view.smsDailyBudget),
    commentMaxLength: String(view.commentMaxLength),
    closeAfterDays: view.closeAfterDays === null ? '' : String(view.closeAfterDays),
    dislikes: view.dislikes,
  };
}

const countries = (text: string) =>
  text
    .split(/[\s,]+/)
    .filter((c) => c !== '')
    .map((c) => c.toUpperCase());

/** The changed fields as the API takes them, or the problems of the fields that are wrong. */
export function patchOf(
  view: SiteSettingsView,
  draft: SettingsDraft,
): { patch: Patch } | { problems: Partial<Record<DraftField, FieldProblem>> } {
  const problems: Partial<Record<DraftField, FieldProblem>> = {};
  const patch: Patch = {};
  const name = draft.name.trim();
  if (name === '') problems.name = { kind: 'nameMissing' };
  else if (name !== view.name) patch.name = name;
  const country = draft.defaultCountry.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) problems.defaultCountry = { kind: 'countryCode' };
  else if (country !== view.defaultCountry) patch.defaultCountry = country;
  const sms = countries(draft.smsCountries);
  if (sms.some((c) => !/^[A-Z]{2}$/.test(c))) problems.smsCountries = { kind: 'countryCode' };
  else if (sms.join(',') !== view.smsCountries.join(',')) patch.smsCountries = sms;
  for (const field of ['complaintThreshold', 'smsDailyBudget', 'commentMaxLength'] as const) {
    const [min, max] = NUMBER_RANGES[field];
    const text = draft[field].trim();
    const value = Number(text);
    if (!/^\d{1,10}$/.test(text) || value < min || value > max)
      problems[field] = { kind: 'wholeNumber', min, max };
    else if (value !== view[field]) patch[field] = value;
  }
  const days = draft.closeAfterDays.trim();
  const [minDays, maxDays] = CLOSE_AFTER_DAYS;
  if (days !== '' && (!/^\d{1,10}$/.test(days) || Number(days) < minDays || Number(days) > maxDays))
    problems.closeAfterDays = { kind: 'daysOrEmpty', min: minDays, max: maxDays };
  else if ((days === '' ? null : Number(days)) !== view.closeAfterDays)
    patch.closeAfterDays = days === '' ? null : Number(days);
  if (draft.dislikes !== view.dislikes) patch.dislikes = draft.dislikes;
  return Object.keys(problems).length > 0 ? { problems } : { patch };
}

export function createSettingsStore(api: AdminApi, firstSite: string) {
  const site = signal(firstSite);
  const view = signal<SiteSettingsView | null>(null);
  const draft = signal<SettingsDraft | null>(null);
  const loadError = signal<string | null>(null);
  const problems = signal<Partial<Record<DraftField, FieldProblem>>>({});
  const saving = signal(false);
  const saveError = signal<string | null>(null);
  const saved = signal(false);

  async function load() {
    const asked = site.value;
    loadError.value = null;
    try {
      const answer = await api.call('GET /admin/api/sites/:site/settings', { params: { site: asked } });
      if (site.value !== asked) return;
      view.value = answer;
      draft.value = draftOf(answer);
    } catch (failure) {
      if (site.value === asked) loadError.value = codeOf(failure);
    }
  }

  function edit(field: keyof SettingsDraft, value: string | boolean) {
    if (!draft.value) return;
    draft.value = { ...draft.value, [field]: value };
    saved.value = false;
  }

  /** True when saved (or nothing changed); false with `problems` or `saveError` set. */
  async function save(): Promise<boolean> {
    const current = view.value;
    if (!current || !draft.value || saving.value) return false;
    saveError.value = null;
    saved.value = false;
    const result = patchOf(current, draft.value);
    if ('problems' in result) {
      problems.value = result.problems;
      return false;
    }
    problems.value = {};
    saving.value = true;
    try {
      const answer = await api.call('PATCH /admin/api/sites/:site/settings', {
        params: { site: current.site },
        body: result.patch,
      });
      view.value = answer;
      draft.value = draftOf(answer);
      saved.value = true;
      return true;
    } catch (failure) {
      saveError.value = codeOf(failure);
      return false;
    } finally {
      saving.value = false;
    }
  }

  function chooseSite(id: string) {
    site.value = id;
    view.value = null;
    draft.value = null;
    problems.value = {};
    saved.value = false;
    saveError.value = null;
    return load();
  }

  return { site, view, draft, loadError, problems, saving, saveError, saved, load, edit, save, chooseSite };
}
