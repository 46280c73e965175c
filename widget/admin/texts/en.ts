/** The panel's texts in one language, a chunk of its own (widget/admin/i18n.ts loadAdminLocale). */
export { adminEn as a } from '../../../shared/i18n/admin/en.ts';
export { en as t } from '../../../shared/i18n/reader/en.ts';
