/** The panel's texts in one language, a chunk of its own (widget/admin/i18n.ts loadAdminLocale). */
export { adminRu as a } from '../../../shared/i18n/admin/ru.ts';
export { ru as t } from '../../../shared/i18n/reader/ru.ts';
