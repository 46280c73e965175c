/** The panel's texts in one language, a chunk of its own (widget/admin/i18n.ts loadAdminLocale). */
export { adminKk as a } from '../../../shared/i18n/admin/kk.ts';
export { kk as t } from '../../../shared/i18n/reader/kk.ts';
