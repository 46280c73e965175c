import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Locale } from '../i18n.ts';

// Always provided by App; there is no sensible default without loading a dictionary.
export const LocaleContext = createContext<Locale>(null as unknown as Locale);

export const useLocale = () => useContext(LocaleContext);
